import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { AuditLogStore } from '@trm/audit-log';
import { ApiErrors, ApiOk, ApiSchemas, CurrentKey, ref, REFUSED, Roles, str, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import { DomainError } from '@trm/domain';
import type { TrmConfig } from '@trm/config';
import { RecordEventsCommand } from '../commands/record-events.command';
import { BodyParseError } from '../parsing/body-parse.error';
import { SUPPORTED_CONTENT_TYPES } from '../parsing/parse-body';
import { IngestPipeline } from '../ingest.pipeline';
import { EVENTS_BODY, IDEMPOTENCY_KEY, SUBMISSION_ID_MAX, SUBMISSION_ID_PARAM, SUBMISSION_SCHEMAS } from './events.openapi';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * An Idempotency-Key is the submitter's text: it is checked, then kept only as a hash (with the
 * hash of the body's bytes, so a retry with another body is told apart: computed where the body
 * is prepared).
 */
function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new BodyParseError('Idempotency-Key must be 1 to 200 visible ASCII characters', undefined, undefined, 'bad_idempotency_key');
  }
  return createHash('sha256').update(`idempotency-key:${value}`).digest('hex');
}

const EMPTY_BODY_SHA256 = createHash('sha256').update(Buffer.alloc(0)).digest('hex');

@Controller('v1')
@ApiSchemas(SUBMISSION_SCHEMAS)
export class EventsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly audit: AuditLogStore,
    private readonly pipeline: IngestPipeline,
    @Inject(CONFIG) private readonly config: TrmConfig,
  ) {}

  /** CONTRACT.md §2 "Submitting": NDJSON, JSON array or CSV; one answer per event. */
  @Post('events')
  @HttpCode(200)
  @Roles('submitter')
  @ApiOperation({ summary: 'Submit events (NDJSON, JSON array or CSV)', requestBody: EVENTS_BODY })
  @ApiHeader({ name: 'Idempotency-Key', required: false, schema: str({ pattern: IDEMPOTENCY_KEY.source }) })
  @ApiOk('One answer per event', ref('SubmissionResult'))
  @ApiErrors({ ...REFUSED, 409: 'Idempotency-Key reused for another body', 413: 'Body over the size or event limit', 415: 'Unsupported content type' })
  async submit(@Req() req: RawRequest, @CurrentKey() key: ApiKey) {
    const idempotencyKey = idempotencyKeyOf(req.headers['idempotency-key']);
    const receivedAt = new Date();
    // Parsed and prepared on a preparation thread (when configured): this thread only appends and answers.
    const prepared = await this.pipeline.prepareBody({
      contentType: req.headers['content-type'] as string | undefined, body: req.body, key, receivedAt,
      maxEvents: this.config.maxEventsPerRequest, hashBody: idempotencyKey !== undefined,
    });
    if (!prepared) {
      throw new DomainError('unsupported_media_type', `send one of ${SUPPORTED_CONTENT_TYPES.join(', ')}`);
    }
    const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, bodySha256: prepared.bodySha256 ?? EMPTY_BODY_SHA256 };
    return this.commands.execute(new RecordEventsCommand(prepared.events, key, 'http', idempotency, receivedAt));
  }

  /** A submitter reads its own submissions; auditors read any (CONTRACT.md §4). */
  @Get('submissions/:submissionId')
  @Roles('submitter', 'auditor')
  @ApiOperation({ summary: 'A submission of the calling key' })
  @ApiParam(SUBMISSION_ID_PARAM)
  @ApiOk('The submission', ref('Submission'))
  @ApiErrors({ ...REFUSED, 404: 'Unknown, or another key\'s', ...URI_TOO_LONG })
  submission(@Param('submissionId') id: string, @CurrentKey() key: ApiKey) {
    if (id.length > SUBMISSION_ID_MAX) throw new DomainError('bad_request', `submissionId must be at most ${SUBMISSION_ID_MAX} characters`);
    const s = this.audit.submission(id);
    if (!s || (key.role === 'submitter' && s.keyId !== key.id)) throw new DomainError('not_found', 'no such submission');
    return s;
  }
}
