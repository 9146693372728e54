import { chDateTime64 } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { NO_SNAPSHOT, buildIndicatorQuery, dimColumn } from './indicator-query.builder';
import type { IndicatorQueryOptions, SnapshotChoice } from './indicator-query.builder';
import { applyDisclosureControl } from './disclosure';
import type { KeyedFigures } from './disclosure';
import { INDICATORS } from './indicator-definitions';
import type { IndicatorDefinition } from './indicator-definitions';
import { ROW_DIMENSION_KEYS } from './indicator.types';
import type { IndicatorQuery, IndicatorRow } from './indicator.types';
import { INDICATOR_SQL } from './indicator-sql';
import { wilson } from './statistics';

type SqlRow = Record<string, unknown>;


/**
 * Past this many events after the snapshot, a query's "live" form costs more than its signed form
 * (both give the same figures; see measure.days_to.sql). Measured at 500k cases: with 50k events
 * since, the two cost the same (~270 ms); with 200k, live is 1.5× slower; right after a build, live
 * is 35–45% faster. Most of the live form's extra cost is testing every snapshot row against the
 * pairs changed since.
 */
export const LIVE_FORM_MAX_EVENTS = 25_000;

/** The snapshot to start from as of `asOf`, and how far the views are past it. */
export async function latestSnapshot(warehouse: Warehouse, db: string, asOf: Date): Promise<SnapshotChoice> {
  const [row] = await warehouse.query<{ s: string | number; p: string | number; cp: string | number }>(
    INDICATOR_SQL.render('engine/latest-snapshot'),
    { db, at: asOf.getTime() },
  );
  const snapshot = Number(row?.s ?? 0);
  if (snapshot <= 0) return NO_SNAPSHOT;
  const position = Number(row.p);
  const eventsSince = Math.max(0, Number(row.cp ?? 0) - position);
  // Removals are rare: without one, the snapshot's copy of the events needs no test against them.
  const [removed] = eventsSince === 0 ? [{ n: 0 }] : await warehouse.query<{ n: string | number }>(
    INDICATOR_SQL.render('engine/removed-since-snapshot'),
    { db, position, asOf: chDateTime64(asOf) },
  );
  return { snapshot, position, eventsSince, removedSince: Number(removed?.n ?? 0) };
}

/**
 * Runs an indicator's SQL in the warehouse and shapes its rows as CONTRACT.md §2 describes.
 * Rows whose denominator, n or count is 0 are omitted.
 */
export async function computeIndicator(
  warehouse: Warehouse,
  db: string,
  def: IndicatorDefinition,
  q: IndicatorQuery,
  options: IndicatorQueryOptions = {},
): Promise<IndicatorRow[]> {
  const snapshot = options.snapshot ?? (await latestSnapshot(warehouse, db, q.asOf));
  const live = options.live ?? snapshot.eventsSince <= LIVE_FORM_MAX_EVENTS;
  const built = buildIndicatorQuery(def, q, db, { ...options, snapshot, live });
  const raw = await warehouse.query<SqlRow>(built.sql, built.params);
  const rows = raw.map((r) => {
    const row: IndicatorRow & { caseIds?: string[] } & KeyedFigures = {};
    if ('measure' in r) row.measure = String(r.measure);
    if ('sop' in r) row.sop = Number(r.sop);
    if ('outcome' in r) row.outcome = String(r.outcome);
    if ('closureReason' in r) row.closureReason = String(r.closureReason);
    for (const d of built.dims) {
      const name = d.startsWith('period:') ? 'period' : d;
      (row as Record<string, unknown>)[name] = String(r[dimColumn(d)]);
    }
    if (def.kind === 'proportion') {
      const num = Number(r.numerator ?? 0);
      const den = Number(r.denominator ?? 0);
      Object.assign(row, { numerator: num, denominator: den, value: den ? num / den : null, ci95: wilson(num, den) });
    } else if (def.kind === 'distribution') {
      Object.assign(row, { n: Number(r.n), median: Number(r.median), p90: Number(r.p90) });
    } else {
      row.count = Number(r.count);
      if (Array.isArray(r.case_ids)) row.caseIds = r.case_ids as string[];
    }
    for (const f of ['count_key', 'numerator_key', 'denominator_key', 'n_key', 'n_units'] as const) {
      if (f in r) row[f] = Number(r[f] ?? 0);
    }
    return row;
  });
  const sized = rows.filter((r) => (r.denominator ?? r.n ?? r.count ?? 0) > 0);
  const published = options.disclosureK === undefined ? sized : applyDisclosureControl(sized, def.kind, options.disclosureK);
  return published
    .filter((r) => (r.denominator ?? r.n ?? r.count ?? 0) > 0)
    .sort((a, b) => {
      for (const k of ROW_DIMENSION_KEYS) {
        const x = (a as Record<string, unknown>)[k];
        const y = (b as Record<string, unknown>)[k];
        if (x === y) continue;
        if (x === undefined) return -1;
        if (y === undefined) return 1;
        return (x as number | string) < (y as number | string) ? -1 : 1;
      }
      return 0;
    });
}

/**
 * The ids of the catalogue documents governing the answer's cohort as of q.asOf (INDICATORS.md
 * `catalogueVersions`), sorted: cases opened in [from, to) of q's countries (for referral answers
 * scoped to either side, of those countries). Under disclosure control (`disclosureK`), only
 * documents that govern at least k of those cases are named.
 */
export async function catalogueVersions(
  warehouse: Warehouse,
  db: string,
  q: IndicatorQuery,
  options: Pick<IndicatorQueryOptions, 'snapshot' | 'disclosureK'> = {},
): Promise<string[]> {
  const snapshot = options.snapshot ?? (await latestSnapshot(warehouse, db, q.asOf));
  const countries = q.countries?.length ? q.countries : q.eitherSide;
  const cohort: IndicatorQuery = { asOf: q.asOf, from: q.from, to: q.to, groupBy: [], ...(countries?.length ? { countries } : {}) };
  const built = buildIndicatorQuery(COHORT, cohort, db, { snapshot });
  const rows = await warehouse.query<{ catalogue: string }>(built.sql, { ...built.params, minCases: options.disclosureK ?? 1 });
  return rows.map((r) => String(r.catalogue));
}

/** case.count's cohort, read for its documents (catalogue-versions.sql). */
const COHORT: IndicatorDefinition = (() => {
  const count = INDICATORS.find((d) => d.id === 'case.count')!;
  return { ...count, sql: { ...count.sql, template: 'catalogue-versions', liveForm: false } };
})();
