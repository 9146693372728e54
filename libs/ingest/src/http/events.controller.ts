import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { AuditLogStore } from '@trm/audit';
import { ApiErrors, ApiOk, ApiSchemas, CurrentKey, ref, REFUSED, Roles, str, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import { DomainError } from '@trm/domain';
import type { TrmConfig } from '@trm/config';
import { RecordEventsCommand } from '../commands/record-events.command';
import { BodyParseError } from '../parsing/body-parse.error';
import { parseBody, SUPPORTED_CONTENT_TYPES } from '../parsing/parse-body';
import { EVENTS_BODY, IDEMPOTENCY_KEY, SUBMISSION_ID_MAX, SUBMISSION_ID_PARAM, SUBMISSION_SCHEMAS } from './events.openapi';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * An Idempotency-Key is the submitter's text: it is checked, then kept only as a hash (with the
 * hash of the body's bytes, so a retry with another body is told apart).
 */
function idempotencyOf(header: string | string[] | undefined, body: unknown): { key: string; bodySha256: string } | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new BodyParseError('Idempotency-Key must be 1 to 200 visible ASCII characters', undefined, undefined, 'bad_idempotency_key');
  }
  return {
    key: createHash('sha256').update(`idempotency-key:${value}`).digest('hex'),
    bodySha256: createHash('sha256').update(Buffer.isBuffer(body) ? body : Buffer.alloc(0)).digest('hex'),
  };
}

@Controller('v1')
@ApiSchemas(SUBMISSION_SCHEMAS)
export class EventsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly audit: AuditLogStore,
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
    const idempotency = idempotencyOf(req.headers['idempotency-key'], req.body);
    const items = parseBody(req.headers['content-type'] as string | undefined, req.body, this.config.maxEventsPerRequest);
    if (!items) {
      throw new DomainError('unsupported_media_type', `send one of ${SUPPORTED_CONTENT_TYPES.join(', ')}`);
    }
    return this.commands.execute(new RecordEventsCommand(items, key, 'http', idempotency));
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
