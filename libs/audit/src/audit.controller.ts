import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors, ApiOk, ApiQueries, ApiSchemas, arr, CurrentKey, obj, ref, REFUSED, Roles, coversCountry, str, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CASE_ID_PATTERN, DomainError } from '@trm/domain';
import { EVENT_STORE } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { instant, TIME } from '@trm/indicators';
import { IngestPipeline, SUBMISSION_ID_MAX, SUBMISSION_ID_PARAM } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { AuditLogStore } from './audit-log.store';
import { ACCESS_LOG, AUDIT_SCHEMAS, CASE_EVENTS, KEY_ID_MAX, LIMIT_MAX, LIMIT_PARAM, REPLAY_BODY, REPLAY_PROGRESS, VERIFY_RESULT } from './audit.openapi';
import { caseHistory } from './case-history';
import { ReplayService } from './replay';
import { verifyEventStore } from './verify';

const CASE_REF = /^[A-Za-z0-9._:/-]{1,64}$/;
const COUNTRY = /^[A-Z]{2}$/;

function limit(raw: string | undefined, dflt: number): number {
  const n = raw === undefined ? dflt : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > LIMIT_MAX) throw new DomainError('bad_request', `limit must be an integer 1–${LIMIT_MAX}`);
  return n;
}

/** CONTRACT.md §2 "Auditing". Every read of case-level data and every audit action is logged. */
@Controller('v1')
@ApiSchemas(AUDIT_SCHEMAS)
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly audit: AuditLogStore,
    private readonly replay: ReplayService,
    private readonly pipeline: IngestPipeline,
    private readonly projector: ProjectorRunner,
  ) {}

  private log(key: ApiKey, action: string, target: string): void {
    this.audit.logAccess({ keyId: key.id, role: key.role, action, target });
  }

  @Get('audit/cases/:caseId/events')
  @Roles('auditor')
  @ApiOperation({ summary: 'A case\'s full history as stored' })
  @ApiParam({ name: 'caseId', required: true, schema: str({ pattern: CASE_ID_PATTERN.source }) })
  @ApiOk('Events in order', CASE_EVENTS)
  @ApiErrors({ ...REFUSED, 404: 'No such case', ...URI_TOO_LONG })
  async caseEvents(@Param('caseId') caseId: string, @CurrentKey() key: ApiKey) {
    if (!CASE_ID_PATTERN.test(caseId)) throw new DomainError('bad_request', 'caseId must be 26 characters of a–z and 2–7');
    this.log(key, 'case.history', caseId);
    const events = await caseHistory(this.store, caseId);
    if (events.length === 0) throw new DomainError('not_found', 'no such case');
    return { caseId, streamId: `trm-case-${caseId}`, events };
  }

  @Get('audit/submissions')
  @Roles('auditor')
  @ApiOperation({ summary: 'Submissions, newest first' })
  @ApiQueries([LIMIT_PARAM, { name: 'keyId', schema: str({ maxLength: KEY_ID_MAX }) }])
  @ApiOk('Submissions, without their rejections', obj({ submissions: arr(ref('SubmissionSummary')) }, ['submissions']))
  @ApiErrors(REFUSED)
  submissions(@Query('limit') raw: string | undefined, @Query('keyId') keyId: string | undefined, @CurrentKey() key: ApiKey) {
    if (keyId !== undefined && (typeof keyId !== 'string' || keyId.length > KEY_ID_MAX)) throw new DomainError('bad_request', `keyId must be at most ${KEY_ID_MAX} characters`);
    this.log(key, 'submissions.list', keyId ?? '*');
    return { submissions: this.audit.submissions({ keyId, limit: limit(raw, 100) }) };
  }

  @Get('audit/submissions/:submissionId')
  @Roles('auditor')
  @ApiOperation({ summary: 'What one submission brought' })
  @ApiParam(SUBMISSION_ID_PARAM)
  @ApiOk('The submission', ref('Submission'))
  @ApiErrors({ ...REFUSED, 404: 'Unknown', ...URI_TOO_LONG })
  submission(@Param('submissionId') id: string, @CurrentKey() key: ApiKey) {
    if (id.length > SUBMISSION_ID_MAX) throw new DomainError('bad_request', `submissionId must be at most ${SUBMISSION_ID_MAX} characters`);
    this.log(key, 'submission.read', id);
    const s = this.audit.submission(id);
    if (!s) throw new DomainError('not_found', 'no such submission');
    return s;
  }

  @Post('audit/replay')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Rebuild the warehouse beside the live one and compare every indicator', requestBody: REPLAY_BODY })
  @ApiOk('Differences (expected: none) and quarantined events', ref('ReplayResult'))
  @ApiErrors({ ...REFUSED, 409: 'A replay is already running' })
  async runReplay(@Body() body: { swap?: unknown; keep?: unknown } | undefined, @CurrentKey() key: ApiKey) {
    const swap = body?.swap === true;
    if (swap && key.role !== 'admin') throw new DomainError('forbidden', 'only an admin may swap the rebuilt tables in');
    this.log(key, swap ? 'replay.swap' : 'replay', '*');
    if (this.replay.progress().running) throw new DomainError('conflict', 'a replay is already running');
    return this.replay.run({ swap, keep: body?.keep === true });
  }

  @Get('audit/replay')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Progress of the running or last replay' })
  @ApiOk('Progress', REPLAY_PROGRESS)
  replayProgress() {
    return this.replay.progress();
  }

  /** Events the projector left out (never silently): by position, with the reason's code. */
  @Get('audit/quarantine')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Events the projector could not project, by position' })
  @ApiOk('The quarantine', obj({ quarantined: arr(ref('QuarantinedEvent')) }, ['quarantined']))
  async quarantine(@CurrentKey() key: ApiKey) {
    this.log(key, 'quarantine.read', '*');
    return { quarantined: await this.projector.quarantine() };
  }

  @Post('audit/verify')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Check the event store\'s hash chains' })
  @ApiOk('{ ok, checked, problems }', VERIFY_RESULT)
  async verify(@CurrentKey() key: ApiKey) {
    this.log(key, 'verify', '*');
    return verifyEventStore(this.store);
  }

  @Get('audit/access')
  @Roles('auditor')
  @ApiOperation({ summary: 'The access log' })
  @ApiQueries([LIMIT_PARAM, { name: 'since', schema: TIME, description: 'Entries at or after this time' }])
  @ApiOk('Entries, newest first', ACCESS_LOG)
  @ApiErrors(REFUSED)
  access(@Query('limit') raw: string | undefined, @Query('since') since: string | undefined, @CurrentKey() key: ApiKey) {
    // A time, compared with the log's ISO timestamps; never stored as the reader gave it.
    const from = since === undefined || since === '' ? undefined : instant('since', since);
    this.log(key, 'access.read', from?.toISOString() ?? '*');
    return { entries: this.audit.accessLog({ since: from?.toISOString(), limit: limit(raw, 200) }) };
  }

  @Post('cases/lookup')
  @HttpCode(200)
  @Roles('submitter', 'rapporteur', 'auditor')
  @ApiOperation({ summary: 'Pseudonymous caseId of (country, caseRef), for a key scoped to that country' })
  @ApiBody({ required: true, schema: obj({ country: str({ pattern: COUNTRY.source }), caseRef: str({ pattern: CASE_REF.source }) }, ['country', 'caseRef']) })
  @ApiOk('The case id', obj({ country: str(), caseId: str() }, ['country', 'caseId']))
  @ApiErrors(REFUSED)
  lookup(@Body() body: { country?: unknown; caseRef?: unknown } | undefined, @CurrentKey() key: ApiKey) {
    const country = typeof body?.country === 'string' ? body.country : '';
    const caseRef = typeof body?.caseRef === 'string' ? body.caseRef : '';
    if (!COUNTRY.test(country)) throw new DomainError('bad_request', 'country must be a two-letter code');
    if (!CASE_REF.test(caseRef)) throw new DomainError('bad_request', 'caseRef must match ^[A-Za-z0-9._:/-]{1,64}$');
    if (!coversCountry(key, country)) throw new DomainError('forbidden', `key ${key.id} may not look up cases of ${country}`);
    const caseId = this.pipeline.caseIdOf(country, caseRef);
    this.log(key, 'case.lookup', caseId);
    return { country, caseId };
  }
}
