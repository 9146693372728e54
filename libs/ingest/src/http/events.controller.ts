import { BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { AuditLogStore } from '@trm/audit-log';
import { CurrentKey, Roles } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import type { TrmConfig } from '@trm/config';
import { RecordEventsCommand } from '../commands/record-events.command';
import { BodyParseError } from '../parsing/body-parse.error';
import { parseBody, SUPPORTED_CONTENT_TYPES } from '../parsing/parse-body';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Visible ASCII, as an HTTP header value should be; a UUID or a batch number fits easily. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

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
  async submit(@Req() req: RawRequest, @CurrentKey() key: ApiKey) {
    const idempotency = idempotencyOf(req.headers['idempotency-key'], req.body);
    const items = parseBody(req.headers['content-type'] as string | undefined, req.body, this.config.maxEventsPerRequest);
    if (!items) {
      throw new UnsupportedMediaTypeException(`send one of ${SUPPORTED_CONTENT_TYPES.join(', ')}`);
    }
    return this.commands.execute(new RecordEventsCommand(items, key, 'http', idempotency));
  }

  /** A submitter reads its own submissions; auditors read any (CONTRACT.md §4). */
  @Get('submissions/:submissionId')
  @Roles('submitter', 'auditor')
  submission(@Param('submissionId') id: string, @CurrentKey() key: ApiKey) {
    if (id.length > 200) throw new BadRequestException('submissionId must be at most 200 characters');
    const s = this.audit.submission(id);
    if (!s || (key.role === 'submitter' && s.keyId !== key.id)) throw new NotFoundException('no such submission');
    return s;
  }
}
