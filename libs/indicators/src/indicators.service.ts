import { Inject, Injectable } from '@nestjs/common';
import { AuditLogStore } from '@trm/audit-log';
import type { ApiKey } from '@trm/auth';
import { CONFIG } from '@trm/config';
import type { TrmConfig } from '@trm/config';
import { BASELINE_CATALOGUE_VERSION, DomainError } from '@trm/domain';
import { ProjectorRunner } from '@trm/projections';
import { TrmMetrics } from '@trm/observability';
import { WAREHOUSE } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { catalogueVersions, computeIndicator, latestSnapshot } from './indicator.engine';
import type { SnapshotChoice } from './indicator-query.builder';
import { BASELINE_MEASURE_CODES } from './indicator-query.builder';
import { INDICATOR_SQL } from './indicator-sql';
import { findIndicator, INDICATORS } from './indicator-definitions';
import type { IndicatorDefinition } from './indicator-definitions';
import { openReferrals } from './open-referrals';
import type { OpenReferral, OpenReferralQuery } from './open-referrals';
import type { IndicatorQuery, IndicatorRow } from './indicator.types';
import { coarsenTime, disclosureControl } from './disclosure';
import type { DisclosureControl } from './disclosure';

export interface IndicatorAnswer {
  indicator: string;
  title: string;
  unit: string;
  asOf: string;
  from: string | null;
  to: string | null;
  /** The shipped baseline's id (kept for clients of the first version of this answer). */
  catalogueVersion: string;
  /** The documents governing at least one case of the answer's cohort (INDICATORS.md), sorted. */
  catalogueVersions: string[];
  suppression: { applied: boolean; k: number };
  /** Present when the figures are under disclosure control (managers: INDICATORS.md "Disclosure control"). */
  disclosureControl?: DisclosureControl;
  /** False when the warehouse had not caught up with the event store within the wait. */
  complete: boolean;
  rows: IndicatorRow[];
}

/**
 * Role behaviour of CONTRACT.md §4: scope rapporteurs to their countries; disclosure control for
 * managers. Every read of figures (indicators, gaps, dashboard panels, server-rendered SVG) comes
 * through `read`, so no path reaches a manager with exact figures.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(CONFIG) private readonly config: TrmConfig,
    private readonly projector: ProjectorRunner,
    private readonly metrics: TrmMetrics,
    private readonly audit: AuditLogStore,
  ) {}

  private measureCodes: ReadonlySet<string> = BASELINE_MEASURE_CODES;

  /** The codes of every published document, read again when a filter names one not seen yet. */
  private async knownMeasures(q: IndicatorQuery): Promise<ReadonlySet<string>> {
    if ((q.measures ?? []).every((m) => this.measureCodes.has(m))) return this.measureCodes;
    const rows = await this.warehouse.query<{ code: string }>(INDICATOR_SQL.render('engine/measure-codes'), { db: this.config.warehouseDb });
    this.measureCodes = new Set([...BASELINE_MEASURE_CODES, ...rows.map((r) => String(r.code))]);
    return this.measureCodes;
  }

  /**
   * catalogueVersions by cohort (countries, period, k), knowledge time and the projector's position:
   * a dashboard asks a dozen indicators of one cohort at once, and the documents are the same for all.
   * A knowledge time at or past the last projected event's reads as "latest" at that position.
   */
  private readonly versionsCache = new Map<string, string[]>();

  private async versionsOf(q: IndicatorQuery, k: number | undefined, position: number, snapshot: SnapshotChoice): Promise<string[]> {
    const latest = this.projector.projectedKnowledgeMs > 0 && q.asOf.getTime() >= this.projector.projectedKnowledgeMs;
    const key = JSON.stringify([position, latest ? 'latest' : q.asOf.getTime(), q.from?.getTime(), q.to?.getTime(), [...(q.countries ?? [])].sort(), [...(q.eitherSide ?? [])].sort(), k]);
    let versions = this.versionsCache.get(key);
    if (!versions) {
      versions = await catalogueVersions(this.warehouse, this.config.warehouseDb, q, { snapshot, disclosureK: k });
      if (this.versionsCache.size >= 256) this.versionsCache.delete(this.versionsCache.keys().next().value!);
      this.versionsCache.set(key, versions);
    }
    return [...versions];
  }

  /** The rows of an indicator and the documents governing its cohort, from one snapshot choice. */
  private async figures(def: IndicatorDefinition, q: IndicatorQuery, k: number | undefined, position: number, caseIds = false): Promise<{ rows: IndicatorRow[]; catalogueVersions: string[] }> {
    const db = this.config.warehouseDb;
    const snapshot = await latestSnapshot(this.warehouse, db, q.asOf);
    const rows = await computeIndicator(this.warehouse, db, def, q, { disclosureK: k, snapshot, caseIds, measureCodes: await this.knownMeasures(q) });
    return { rows, catalogueVersions: await this.versionsOf(q, k, position, snapshot) };
  }

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

  /**
   * Restricts the query to the key's countries; naming another country is refused. Referrals are
   * seen from both sides (INDICATORS.md): naming senders (`country`) or receivers (`toCountry`) is
   * allowed when either list lies within the key's countries S; naming neither, the rows cover the
   * referrals with the sender or the receiver in S.
   */
  scope<Q extends OpenReferralQuery>(q: Q, key: ApiKey, def?: IndicatorDefinition): Q {
    if (key.countries.includes('*')) return q;
    if (def?.filters.includes('toCountry')) return this.scopeReferrals(q, key);
    const outside = (q.countries ?? []).filter((c) => !key.countries.includes(c));
    if (outside.length) throw new DomainError('forbidden', `key ${key.id} may not read ${outside.join(', ')}`);
    return { ...q, countries: q.countries ?? key.countries };
  }

  /** The scope rule for referrals (indicators and open referrals), for a key not covering every country. */
  scopeReferrals<Q extends OpenReferralQuery>(q: Q, key: ApiKey): Q {
    if (key.countries.includes('*')) return q;
    const within = (list?: string[]) => !!list?.length && list.every((c) => key.countries.includes(c));
    if (within(q.countries) || within(q.toCountries)) return q;
    if (q.countries?.length || q.toCountries?.length) {
      const named = [...(q.countries ?? []), ...(q.toCountries ?? [])].filter((c) => !key.countries.includes(c));
      throw new DomainError('forbidden', `key ${key.id} may read referrals whose sender (country) or receiver (toCountry) is among ${key.countries.join(', ')}; neither list lies within them (${named.join(', ')})`);
    }
    return { ...q, eitherSide: key.countries };
  }

  /** Whether the key reads under disclosure control: every role but rapporteurs (own countries) and auditors. */
  controlled(key: ApiKey): boolean {
    return key.role !== 'rapporteur' && key.role !== 'auditor';
  }

  /**
   * Scope, then for a controlled reader coarse time (rule 1): the query as it will be computed,
   * and the disclosure-control k to compute it with (undefined: exact figures).
   */
  private prepare(q: IndicatorQuery, key: ApiKey, def?: IndicatorDefinition): { q: IndicatorQuery; k?: number } {
    const scoped = this.scope(q, key, def);
    return this.controlled(key) ? { q: coarsenTime(scoped), k: this.config.suppressionK } : { q: scoped };
  }

  async indicator(id: string, q: IndicatorQuery, key: ApiKey): Promise<IndicatorAnswer> {
    const def = findIndicator(id);
    if (!def) throw new DomainError('not_found', `no indicator ${id} (see GET /v1/indicators)`);
    const { q: query, k } = this.prepare(q, key, def);
    const fresh = await this.projector.waitForHead(10_000);
    const timer = this.metrics.queryDuration.startTimer({ indicator: id });
    const { rows, catalogueVersions: versions } = await this.figures(def, query, k, fresh.position);
    timer();
    return {
      indicator: id, title: def.title, unit: def.unit, asOf: query.asOf.toISOString(),
      from: query.from?.toISOString() ?? null, to: query.to?.toISOString() ?? null,
      catalogueVersion: BASELINE_CATALOGUE_VERSION, catalogueVersions: versions,
      suppression: { applied: k !== undefined, k: this.config.suppressionK },
      ...(k !== undefined ? { disclosureControl: disclosureControl(k) } : {}),
      complete: fresh.complete,
      rows,
    };
  }

  /** GET /v1/gaps: measure.overdue for every measure with a deadline, with case ids on request. */
  async gaps(q: IndicatorQuery, key: ApiKey, withCases: boolean) {
    if (withCases && this.controlled(key)) throw new DomainError('forbidden', 'managers may not see case ids');
    const def = findIndicator('measure.overdue')!;
    const { q: scoped, k } = this.prepare(q, key, def);
    const fresh = await this.projector.waitForHead(10_000);
    const { rows, catalogueVersions: versions } = await this.figures(def, scoped, k, fresh.position, withCases);
    if (withCases) {
      this.audit.logAccess({ keyId: key.id, role: key.role, action: 'gaps.cases', target: (scoped.countries ?? ['*']).join(',') });
    }
    return {
      asOf: scoped.asOf.toISOString(), from: scoped.from?.toISOString() ?? null, to: scoped.to?.toISOString() ?? null,
      catalogueVersion: BASELINE_CATALOGUE_VERSION, catalogueVersions: versions, complete: fresh.complete,
      suppression: { applied: k !== undefined, k: this.config.suppressionK },
      ...(k !== undefined ? { disclosureControl: disclosureControl(k) } : {}),
      rows,
    };
  }

  /**
   * GET /v1/referrals/open (CONTRACT.md "Referrals still open"): rapporteurs (either side in scope)
   * and auditors, exact; every read is in the access log. Managers never reach this (routes' roles).
   */
  async openReferrals(q: OpenReferralQuery, key: ApiKey): Promise<{ asOf: string; complete: boolean; rows: OpenReferral[] }> {
    if (this.controlled(key)) throw new DomainError('forbidden', 'open referrals are for rapporteurs and auditors');
    const scoped = this.scopeReferrals(q, key);
    const fresh = await this.projector.waitForHead(10_000);
    const rows = await openReferrals(this.warehouse, this.config.warehouseDb, scoped);
    const target = `country=${(scoped.countries ?? []).join(',') || '*'};toCountry=${(scoped.toCountries ?? []).join(',') || '*'}`
      + (scoped.eitherSide ? `;eitherSide=${scoped.eitherSide.join(',')}` : '');
    this.audit.logAccess({ keyId: key.id, role: key.role, action: 'referrals.open', target });
    return { asOf: scoped.asOf.toISOString(), complete: fresh.complete, rows };
  }
}
