import { BASELINE_CATALOGUE_VERSION, CLOSURE_REASONS, DomainError, getCatalogue, REFERRAL_OUTCOMES } from '@trm/domain';
import { chDateTime64 } from '@trm/warehouse';
import type { ImplicitDimension, IndicatorDefinition } from './indicator-definitions';
import type { Dimension, IndicatorQuery } from './indicator.types';
import { INDICATOR_SQL } from './indicator-sql';

/** Where an indicator's view rows come from: a snapshot, and the rows written after it. */
export interface SnapshotChoice {
  /** The newest listed snapshot at or before asOf: its id, the time of its last event (ms; 0: none). */
  snapshot: number;
  /** The store position it holds the views' rows up to (0: none). */
  position: number;
  /** At most this many events are in the views after that position (0: none — no rows to add). */
  eventsSince: number;
  /** Events removed after that position and by asOf (0: none of the snapshot's events to take out). */
  removedSince: number;
}

/** No snapshot: every row comes from the views' versions. */
export const NO_SNAPSHOT: SnapshotChoice = { snapshot: 0, position: 0, eventsSince: Infinity, removedSince: Infinity };

/** A request that makes no sense for the indicator: refused with the reason. */
export class IndicatorQueryError extends DomainError {
  constructor(message: string, code: 'invalid_query' | 'out_of_range' | 'period_not_aligned' = 'invalid_query') {
    super(code, message);
  }
}


const CASE_DIM_EXPR: Partial<Record<Dimension, string>> = {
  country: 'country',
  sex: 'sex',
  ageGroup: "if(is_child, 'child', 'adult')",
  citizenship: 'citizenship',
  countryRole: 'country_role',
};

function periodExpr(dim: Dimension, column: string): string {
  switch (dim) {
    case 'period:month': return `formatDateTime(${column}, '%Y-%m')`;
    case 'period:quarter': return `concat(toString(toYear(${column})), '-Q', toString(toQuarter(${column})))`;
    default: return `toString(toYear(${column}))`;
  }
}

/** uniqUpTo(k) (exact up to k; at most 100 by ClickHouse), else uniqExact, with a combinator. */
function unitsAggregate(k: number | undefined, combinator: string, arg: string): string {
  const n = Math.trunc(k ?? 1);
  return n >= 1 && n <= 100 ? `uniqUpTo${combinator}(${n})(${arg})` : `uniqExact${combinator}(${arg})`;
}

/**
 * The sources of a view's rows as the snapshot choice has them, as a list a template repeats its
 * block over (`{{#case_view}}…{{/case_view}}`, each block `UNION ALL`ed to the one before): the
 * snapshot (if any), then the rows written after it (if any). Each block aggregates one table read
 * in its sort order; the query sums the blocks.
 */
function viewSources(view: string, snapshot: SnapshotChoice): { view: string; snapshot: boolean; unionAll: boolean }[] {
  const sources = [snapshot.snapshot > 0 ? [true] : [], snapshot.eventsSince > 0 ? [false] : []].flat();
  return sources.map((fromSnapshot, i) => ({ view, snapshot: fromSnapshot, unionAll: i > 0 }));
}

export function dimColumn(dim: Dimension): string {
  return dim.startsWith('period:') ? 'dim_period' : `dim_${dim}`;
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, unknown>;
  /** Grouping dimensions present as dim_* columns, in request order. */
  dims: Dimension[];
}

/** Checks a query against the indicator's dimensions and filters; every problem is a 400. */
/** The measure codes of trm-baseline-1 (every code a filter may name when no other baseline is published). */
export const BASELINE_MEASURE_CODES: ReadonlySet<string> = new Set(getCatalogue(BASELINE_CATALOGUE_VERSION)!.measures.map((m) => m.code));

/** `measureCodes`: the codes of every published baseline (a measure filter naming another is refused). */
export function validateQuery(def: IndicatorDefinition, q: IndicatorQuery, measureCodes: ReadonlySet<string> = BASELINE_MEASURE_CODES): Dimension[] {
  const dims: Dimension[] = [];
  for (const d of q.groupBy) {
    if (!def.dimensions.includes(d)) {
      throw new IndicatorQueryError(`groupBy ${d} is not available for ${def.id} (available: ${def.dimensions.join(', ')})`);
    }
    if (!dims.includes(d) && !def.implicit.includes(d as ImplicitDimension)) dims.push(d);
  }
  if (dims.filter((d) => d.startsWith('period:')).length > 1) {
    throw new IndicatorQueryError('group by at most one of period:month, period:quarter, period:year');
  }
  if (q.toCountries?.length && !def.filters.includes('toCountry')) {
    throw new IndicatorQueryError(`${def.id} has no toCountry filter (toCountry is the receiver of a referral: referral indicators only)`);
  }
  if (q.measures?.length && !def.filters.includes('measure')) throw new IndicatorQueryError(`${def.id} has no measure filter`);
  if (q.sops?.length && !def.filters.includes('sop')) throw new IndicatorQueryError(`${def.id} has no sop filter`);
  for (const m of q.measures ?? []) {
    if (!measureCodes.has(m)) throw new IndicatorQueryError(`measure ${m} is in no published catalogue baseline`);
  }
  for (const s of q.sops ?? []) {
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new IndicatorQueryError(`sop must be 1–5 (got ${s})`);
  }
  if (q.from && q.to && q.from.getTime() >= q.to.getTime()) throw new IndicatorQueryError('from must be before to');
  return dims;
}

export interface IndicatorQueryOptions {
  caseIds?: boolean;
  snapshot?: SnapshotChoice;
  live?: boolean;
  /**
   * Disclosure control with this k (INDICATORS.md, managers): the `{{#dc}}` sections add each
   * figure's cell key (Σ record keys mod 2³², `*_key`) and a distribution's distinct units (`n_units`).
   */
  disclosureK?: number;
  /** The codes of every published baseline (default: trm-baseline-1's). */
  measureCodes?: ReadonlySet<string>;
}

/** The SQL of one indicator, rendered for the request, and its bound parameters. */
export function buildIndicatorQuery(
  def: IndicatorDefinition,
  q: IndicatorQuery,
  db: string,
  options: IndicatorQueryOptions = {},
): BuiltQuery {
  const snapshot = options.snapshot ?? NO_SNAPSHOT;
  const dims = validateQuery(def, q, options.measureCodes);
  const caseDims = dims
    .filter((d) => CASE_DIM_EXPR[d] || d === 'exploitation' || (d.startsWith('period:') && def.basis === 'case'))
    .map((d) => {
      if (d === 'exploitation') return ', dim_exploitation';
      if (d.startsWith('period:')) return `, ${periodExpr(d, 'opened_at')} AS dim_period`;
      return `, ${CASE_DIM_EXPR[d]} AS ${dimColumn(d)}`;
    })
    .join('');
  // Event-based indicators: the case's attributes are carried by the event rows (case_* columns).
  const eventDims = dims
    .map((d) => {
      if (d.startsWith('period:')) return `, ${periodExpr(d, 'occurred_at')} AS dim_period`;
      if (d === 'toCountry') return ', counterpart AS dim_toCountry';
      if (d === 'exploitation') return ', dim_exploitation';
      if (d === 'ageGroup') return ", if(case_is_child, 'child', 'adult') AS dim_ageGroup";
      return `, case_${CASE_DIM_EXPR[d]} AS ${dimColumn(d)}`;
    })
    .join('');
  const template = options.caseIds === true ? def.sql.caseIdsTemplate : def.sql.template;
  if (!template) throw new IndicatorQueryError(`${def.id} has no list of case ids`);
  const sql = INDICATOR_SQL.render(template, {
    // Generated text: dimension lists only — never a value (every value is a bound {name:Type}).
    caseDims,
    eventDims,
    exploitationJoin: dims.includes('exploitation') ? 'ARRAY JOIN exploitation AS dim_exploitation' : '',
    eventExploitationJoin: dims.includes('exploitation') ? 'ARRAY JOIN case_exploitation AS dim_exploitation' : '',
    dims: dims.map((d) => `${dimColumn(d)}, `).join(''),
    // data.reporting_lag's distinct cases, exact up to k (all disclosure control needs to know).
    unitsState: unitsAggregate(options.disclosureK, 'State', 'case_id'),
    unitsMerge: unitsAggregate(options.disclosureK, 'Merge', 'units'),
    // A filter asked for (a filter that cannot exclude anything is not evaluated row by row).
    from: q.from !== undefined,
    to: q.to !== undefined,
    countries: (q.countries?.length ?? 0) > 0,
    toCountries: (q.toCountries?.length ?? 0) > 0,
    eitherSide: q.eitherSide !== undefined,
    measures: (q.measures?.length ?? 0) > 0,
    sops: (q.sops?.length ?? 0) > 0,
    // The form of an indicator that has one over the live rows (see computeIndicator).
    live: def.sql.liveForm && options.live === true,
    // The sources of the views' rows: a snapshot (if any), and the rows written after it (if any).
    case_view: viewSources('case_view', snapshot),
    measure_view: viewSources('measure_view', snapshot),
    deadline_view: viewSources('deadline_view', snapshot),
    lag_events: viewSources('lag_events', snapshot),
    sinceSnapshot: snapshot.eventsSince > 0,
    removedSince: snapshot.removedSince > 0,
    dc: options.disclosureK !== undefined,
    // The indicator's own switches (its definition).
    ...def.sql.sections,
  });
  const params: Record<string, unknown> = {
    db,
    asOf: chDateTime64(q.asOf),
    asOfMs: q.asOf.getTime(),
    from: chDateTime64(q.from ?? new Date(Date.UTC(1900, 0, 1))),
    to: chDateTime64(q.to ?? new Date(Date.UTC(2299, 11, 31, 23, 59, 59, 999))),
    countries: q.countries ?? [],
    toCountries: q.toCountries ?? [],
    eitherSide: q.eitherSide ?? [],
    // The vocabularies rows are always grouped by (one row per value whose denominator is not 0).
    outcomes: [...REFERRAL_OUTCOMES],
    closureReasons: [...CLOSURE_REASONS],
    measures: q.measures ?? [],
    sops: q.sops ?? [],
    // The snapshot of the case views to start from (its id, ms; 0 = none) and the store position
    // it holds the rows up to: the rows after that position come from the views themselves.
    snapshot: snapshot.snapshot,
    snapshotPosition: snapshot.position,
    // The indicator's own values (its definition): a referral indicator's reply kind and window.
    ...def.sql.params,
  };
  return { sql, params, dims };
}
