import { arr, bool, int, obj, str } from '@trm/auth';
import type { QueryParam, Schema } from '@trm/auth';
import { SUBMISSION_SCHEMAS } from '@trm/ingest';

export const LIMIT_MAX = 10_000;
export const LIMIT_PARAM: QueryParam = { name: 'limit', schema: int({ minimum: 1, maximum: LIMIT_MAX }) };
export const KEY_ID_MAX = 200;

export const AUDIT_SCHEMAS: Record<string, Schema> = {
  EventError: SUBMISSION_SCHEMAS.EventError,
  Submission: SUBMISSION_SCHEMAS.Submission,
  SubmissionSummary: obj({
    submissionId: str(), keyId: str(), channel: str(), receivedAt: str(), received: int(), accepted: int(), duplicates: int(), rejectedCount: int(),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejectedCount']),
  QuarantinedEvent: obj({
    position: int(), eventId: str(), caseId: str(), country: str(), type: str(), reason: str(), quarantinedAt: str(),
  }, ['position', 'eventId', 'reason']),
  ReplayResult: obj({
    ok: bool(), replayDatabase: str(), replayed: int(), asOf: str(), comparisons: int(), differences: arr({ type: 'object' }),
    quarantined: arr({ type: 'object' }), swapped: bool(), durationMs: { type: 'object' },
  }, ['ok', 'differences']),
};

export const CASE_EVENTS = obj({ caseId: str(), streamId: str(), events: arr({ type: 'object' }) }, ['caseId', 'events']);
export const REPLAY_BODY = { required: false, content: { 'application/json': { schema: obj({ swap: bool(), keep: bool() }) } } };
export const REPLAY_PROGRESS = obj({ running: bool(), phase: str() }, ['running', 'phase']);
export const VERIFY_RESULT = obj({ ok: bool(), checked: int(), problems: arr({ type: 'object' }) }, ['ok', 'checked', 'problems']);
export const ACCESS_LOG = obj({ entries: arr(obj({ at: str(), keyId: str(), role: str(), action: str(), target: str() })) }, ['entries']);
