import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogStore } from '@trm/audit';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import type { TrmConfig } from '@trm/config';
import { BASELINE_CATALOGUE_VERSION } from '@trm/domain';
import { ProjectorRunner } from '@trm/projections';
import { TrmMetrics } from '@trm/runtime/metrics';
import { WAREHOUSE } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { computeIndicator } from './indicator.engine';
import { findIndicator, INDICATORS } from './indicator-definitions';
import type { IndicatorQuery, IndicatorRow } from './indicator.types';
import { suppress } from './suppression';

export interface IndicatorAnswer {
  indicator: string;
  title: string;
  unit: string;
  asOf: string;
  from: string | null;
  to: string | null;
  catalogueVersion: string;
  suppression: { applied: boolean; k: number };
  /** False when the warehouse had not caught up with the event store within the wait. */
  complete: boolean;
  rows: IndicatorRow[];
}

/** Role behaviour of CONTRACT.md §4: scope rapporteurs to their countries; suppress for managers. */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(CONFIG) private readonly config: TrmConfig,
    private readonly projector: ProjectorRunner,
    private readonly metrics: TrmMetrics,
    private readonly audit: AuditLogStore,
  ) {}

  list() {
    return {
      catalogueVersion: BASELINE_CATALOGUE_VERSION,
      indicators: INDICATORS.map((d) => ({
        id: d.id, title: d.title, kind: d.kind, unit: d.unit, description: d.description,
        parameters: {
          from: 'date or date-time, inclusive', to: 'date or date-time, exclusive', asOf: 'knowledge time (default now)',
          filters: d.filters, groupBy: d.dimensions, implicitGroupBy: d.implicit,
        },
      })),
    };
  }

  /** Restricts the query to the key's countries; naming another country is refused. */
  scope(q: IndicatorQuery, key: ApiKey): IndicatorQuery {
    if (key.countries.includes('*')) return q;
    const outside = (q.countries ?? []).filter((c) => !key.countries.includes(c));
    if (outside.length) throw new ForbiddenException(`key ${key.id} may not read ${outside.join(', ')}`);
    return { ...q, countries: q.countries ?? key.countries };
  }

  async indicator(id: string, q: IndicatorQuery, key: ApiKey): Promise<IndicatorAnswer> {
    const def = findIndicator(id);
    if (!def) throw new NotFoundException(`no indicator ${id} (see GET /v1/indicators)`);
    const scoped = this.scope(q, key);
    const fresh = await this.projector.waitForHead(10_000);
    const timer = this.metrics.queryDuration.startTimer({ indicator: id });
    const rows = await computeIndicator(this.warehouse, this.config.warehouseDb, def, scoped);
    timer();
    const suppressed = key.role === 'manager';
    return {
      indicator: id, title: def.title, unit: def.unit, asOf: scoped.asOf.toISOString(),
      from: scoped.from?.toISOString() ?? null, to: scoped.to?.toISOString() ?? null,
      catalogueVersion: BASELINE_CATALOGUE_VERSION,
      suppression: { applied: suppressed, k: this.config.suppressionK },
      complete: fresh.complete,
      rows: suppressed ? suppress(rows, def.kind, this.config.suppressionK) : rows,
    };
  }

  /** GET /v1/gaps: measure.overdue for every measure with a deadline, with case ids on request. */
  async gaps(q: IndicatorQuery, key: ApiKey, withCases: boolean) {
    if (withCases && key.role === 'manager') throw new ForbiddenException('managers may not see case ids');
    const scoped = this.scope(q, key);
    const fresh = await this.projector.waitForHead(10_000);
    const def = findIndicator('measure.overdue')!;
    const rows = await computeIndicator(this.warehouse, this.config.warehouseDb, def, scoped, { caseIds: withCases });
    if (withCases) {
      this.audit.logAccess({ keyId: key.id, role: key.role, action: 'gaps.cases', target: (scoped.countries ?? ['*']).join(',') });
    }
    const suppressed = key.role === 'manager';
    return {
      asOf: scoped.asOf.toISOString(), from: scoped.from?.toISOString() ?? null, to: scoped.to?.toISOString() ?? null,
      catalogueVersion: BASELINE_CATALOGUE_VERSION, complete: fresh.complete,
      suppression: { applied: suppressed, k: this.config.suppressionK },
      rows: suppressed ? suppress(rows, 'count', this.config.suppressionK) : rows,
    };
  }
}
