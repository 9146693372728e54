import { arr, int, obj, ref, str } from '@trm/auth';
import type { Schema } from '@trm/auth';
import { SUPPORTED_CONTENT_TYPES } from '../parsing/parse-body';

/** Visible ASCII, as an HTTP header value should be; a UUID or a batch number fits easily. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
export const SUBMISSION_ID_MAX = 200;

/** The path parameter of a submission (GET /v1/submissions/… and /v1/audit/submissions/…). */
export const SUBMISSION_ID_PARAM = { name: 'submissionId', required: true, schema: str({ maxLength: SUBMISSION_ID_MAX }) };

const rejection = (required: string[]) => obj({ index: int(), eventId: str(), errors: arr(ref('EventError')) }, required);

/** Component schemas of submissions (SubmissionResult, the stored Submission). */
export const SUBMISSION_SCHEMAS: Record<string, Schema> = {
  EventError: obj({ path: str(), code: str(), message: str() }, ['path', 'code', 'message']),
  SubmissionResult: obj({
    submissionId: str(), received: int(), accepted: int(), duplicates: int(),
    rejected: arr(rejection(['index', 'errors'])),
    rejectedCount: int({ description: 'On a replayed answer whose stored rejections were cut to the first 1,000' }),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejected']),
  Submission: obj({
    submissionId: str(), keyId: str(), channel: str(), receivedAt: str(), received: int(), accepted: int(), duplicates: int(),
    rejected: arr(rejection([])), rejectedCount: int(),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejected']),
};

const BODY_SCHEMAS: Record<(typeof SUPPORTED_CONTENT_TYPES)[number], Schema> = {
  'application/x-ndjson': str(),
  // Any item: each is answered on its own (an item that is not an event is rejected in `rejected`).
  'application/json': { oneOf: [{ type: 'array' }, { type: 'object' }] },
  'text/csv': str(),
};

/** POST /v1/events: the body formats the parser takes (CONTRACT.md §2 "Submitting"). */
export const EVENTS_BODY = {
  required: true,
  content: Object.fromEntries(SUPPORTED_CONTENT_TYPES.map((t) => [t, { schema: BODY_SCHEMAS[t] }])),
};
