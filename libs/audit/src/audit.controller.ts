import { BadRequestException, Body, ConflictException, Controller, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CurrentKey, Roles, coversCountry } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { CASE_ID_PATTERN } from '@trm/domain';
import { EVENT_STORE, streamIdOf } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { instant } from '@trm/indicators';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { AuditLogStore } from '@trm/audit-log';
import { caseHistory } from './case-history';
import { ReplayService } from './replay';
import { verifyEventStore } from './verify';

const CASE_REF = /^[A-Za-z0-9._:/-]{1,64}$/;

function limit(raw: string | undefined, dflt: number): number {
  const n = raw === undefined ? dflt : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new BadRequestException('limit must be an integer 1–10000');
  return n;
}

/** CONTRACT.md §2 "Auditing". Every read of case-level data and every audit action is logged. */
@Controller('v1')
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
  async caseEvents(@Param('caseId') caseId: string, @CurrentKey() key: ApiKey) {
    if (!CASE_ID_PATTERN.test(caseId)) throw new BadRequestException('caseId must be 26 characters of a–z and 2–7');
    this.log(key, 'case.history', caseId);
    const events = await caseHistory(this.store, caseId);
    if (events.length === 0) throw new NotFoundException('no such case');
    return { caseId, streamId: streamIdOf(caseId), events };
  }

  @Get('audit/submissions')
  @Roles('auditor')
  submissions(@Query('limit') raw: string | undefined, @Query('keyId') keyId: string | undefined, @CurrentKey() key: ApiKey) {
    if (keyId !== undefined && (typeof keyId !== 'string' || keyId.length > 200)) throw new BadRequestException('keyId must be at most 200 characters');
    this.log(key, 'submissions.list', keyId ?? '*');
    return { submissions: this.audit.submissions({ keyId, limit: limit(raw, 100) }) };
  }

  @Get('audit/submissions/:submissionId')
  @Roles('auditor')
  submission(@Param('submissionId') id: string, @CurrentKey() key: ApiKey) {
    if (id.length > 200) throw new BadRequestException('submissionId must be at most 200 characters');
    this.log(key, 'submission.read', id);
    const s = this.audit.submission(id);
    if (!s) throw new NotFoundException('no such submission');
    return s;
  }

  @Post('audit/replay')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  async runReplay(@Body() body: { swap?: unknown; keep?: unknown } | undefined, @CurrentKey() key: ApiKey) {
    const swap = body?.swap === true;
    if (swap && key.role !== 'admin') throw new ForbiddenException('only an admin may swap the rebuilt tables in');
    this.log(key, swap ? 'replay.swap' : 'replay', '*');
    if (this.replay.progress().running) throw new ConflictException('a replay is already running');
    return this.replay.run({ swap, keep: body?.keep === true });
  }

  @Get('audit/replay')
  @Roles('admin', 'auditor')
  replayProgress() {
    return this.replay.progress();
  }

  /** Events the projector left out (never silently): by position, with the reason's code. */
  @Get('audit/quarantine')
  @Roles('admin', 'auditor')
  async quarantine(@CurrentKey() key: ApiKey) {
    this.log(key, 'quarantine.read', '*');
    return { quarantined: await this.projector.quarantine() };
  }

  @Post('audit/verify')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  async verify(@CurrentKey() key: ApiKey) {
    this.log(key, 'verify', '*');
    return verifyEventStore(this.store);
  }

  @Get('audit/access')
  @Roles('auditor')
  access(@Query('limit') raw: string | undefined, @Query('since') since: string | undefined, @CurrentKey() key: ApiKey) {
    // A time, compared with the log's ISO timestamps; never stored as the reader gave it.
    const from = since === undefined || since === '' ? undefined : instant('since', since);
    this.log(key, 'access.read', from?.toISOString() ?? '*');
    return { entries: this.audit.accessLog({ since: from?.toISOString(), limit: limit(raw, 200) }) };
  }

  @Post('cases/lookup')
  @HttpCode(200)
  @Roles('submitter', 'rapporteur', 'auditor')
  lookup(@Body() body: { country?: unknown; caseRef?: unknown } | undefined, @CurrentKey() key: ApiKey) {
    const country = typeof body?.country === 'string' ? body.country : '';
    const caseRef = typeof body?.caseRef === 'string' ? body.caseRef : '';
    if (!/^[A-Z]{2}$/.test(country)) throw new BadRequestException('country must be a two-letter code');
    if (!CASE_REF.test(caseRef)) throw new BadRequestException('caseRef must match ^[A-Za-z0-9._:/-]{1,64}$');
    if (!coversCountry(key, country)) throw new ForbiddenException(`key ${key.id} may not look up cases of ${country}`);
    const caseId = this.pipeline.caseIdOf(country, caseRef);
    this.log(key, 'case.lookup', caseId);
    return { country, caseId };
  }
}
