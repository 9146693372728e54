import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { AuditLogStore } from '@trm/audit';
import { CurrentKey, Roles } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import type { TrmConfig } from '@trm/config';
import { RecordEventsCommand } from '../commands/record-events.command';
import { parseBody, SUPPORTED_CONTENT_TYPES } from '../parsing/parse-body';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBodySha256?: string;
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
    const items = parseBody(req.headers['content-type'] as string | undefined, req.body, this.config.maxEventsPerRequest);
    if (!items) {
      throw new UnsupportedMediaTypeException(`send one of ${SUPPORTED_CONTENT_TYPES.join(', ')}`);
    }
    const idemHeader = req.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(idemHeader) ? idemHeader[0] : idemHeader;
    const idempotency = idempotencyKey
      ? { key: idempotencyKey.slice(0, 200), bodySha256: req.rawBodySha256 ?? createHash('sha256').update(JSON.stringify(items)).digest('hex') }
      : undefined;
    return this.commands.execute(new RecordEventsCommand(items, key, 'http', idempotency));
  }

  /** A submitter reads its own submissions; auditors read any (CONTRACT.md §4). */
  @Get('submissions/:submissionId')
  @Roles('submitter', 'auditor')
  submission(@Param('submissionId') id: string, @CurrentKey() key: ApiKey) {
    const s = this.audit.submission(id);
    if (!s || (key.role === 'submitter' && s.keyId !== key.id)) throw new NotFoundException('no such submission');
    return s;
  }
}
