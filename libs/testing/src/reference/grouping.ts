// Grouping dimensions (INDICATORS.md "Grouping dimensions") and the accumulation of rows.
import type { Dimension, IndicatorQuery, IndicatorRow, RowDimensions } from '../../../indicators/src/indicator.types';
import type { LiveCase } from './knowledge';
import { quantileInclusive, wilson } from './statistics';

/** Dimensions every indicator may be grouped by; each value comes from the case (or the event's time). */
const CASE_DIMENSIONS: readonly Dimension[] = [
  'country', 'period:month', 'period:quarter', 'period:year', 'sex', 'ageGroup', 'exploitation', 'citizenship',
  'countryRole',
];

/**
 * The requested dimensions that mean something for the indicator, in request order, deduplicated.
 * `measure`/`sop` are implicit where they apply and meaningless elsewhere; `toCountry` only exists
 * for referral indicators. Anything else requested is dropped.
 */
export function groupingFor(q: IndicatorQuery, opts: { toCountry: boolean }): Dimension[] {
  const allowed = new Set<Dimension>(opts.toCountry ? [...CASE_DIMENSIONS, 'toCountry'] : CASE_DIMENSIONS);
  const dims = [...new Set(q.groupBy)].filter((d) => allowed.has(d));
  if (dims.filter((d) => d.startsWith('period:')).length > 1) {
    throw new Error(`at most one period dimension may be grouped on, got ${q.groupBy.join(',')}`);
  }
  return dims;
}

/** `period:month` → 2024-07, `period:quarter` → 2024-Q3, `period:year` → 2024 (UTC). */
export function formatPeriod(dim: Dimension, at: number): string {
  const d = new Date(at);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = d.getUTCMonth() + 1;
  if (dim === 'period:year') return year;
  if (dim === 'period:quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  if (dim === 'period:month') return `${year}-${String(month).padStart(2, '0')}`;
  throw new Error(`not a period dimension: ${dim}`);
}

/**
 * The row dimensions one unit (a case, or an event of a case) contributes to: the implicit ones
 * first (measure, sop), then `groupBy` in order. `exploitation` is multi-valued, so a case yields
 * one dimension set per distinct form.
 */
export function dimensionsOf(
  c: LiveCase,
  groupBy: Dimension[],
  periodAt: number,
  implicit: { measure?: string; sop?: number; outcome?: string; closureReason?: string } = {},
  toCountry?: string,
): RowDimensions[] {
  const exploitation = groupBy.includes('exploitation');
  const forms: (string | undefined)[] = exploitation ? [...new Set(c.profile.exploitation)] : [undefined];
  return forms.map((form) => {
    const d: RowDimensions = {};
    if (implicit.measure !== undefined) d.measure = implicit.measure;
    if (implicit.sop !== undefined) d.sop = implicit.sop;
    if (implicit.outcome !== undefined) d.outcome = implicit.outcome;
    if (implicit.closureReason !== undefined) d.closureReason = implicit.closureReason;
    for (const dim of groupBy) {
      switch (dim) {
        case 'country': d.country = c.country; break;
        case 'sex': d.sex = c.profile.sex; break;
        case 'ageGroup': d.ageGroup = c.child ? 'child' : 'adult'; break;
        case 'citizenship': d.citizenship = c.profile.citizenship; break;
        case 'countryRole': d.countryRole = c.profile.countryRole; break;
        case 'exploitation': d.exploitation = form; break;
        case 'toCountry': d.toCountry = toCountry; break;
        case 'period:month': case 'period:quarter': case 'period:year': d.period = formatPeriod(dim, periodAt); break;
        default: throw new Error(`dimension ${dim} cannot come from a case`);
      }
    }
    return d;
  });
}

interface Group {
  dims: RowDimensions;
  numerator: number;
  denominator: number;
  values: number[];
  caseIds: Set<string>;
  /** The units each figure counts, for disclosure control (disclosure.ts). */
  units: RowUnits;
}

/**
 * The ids of the units behind a row's figures (INDICATORS.md "Disclosure control", rule 2): the
 * denominator's and numerator's, a distribution's values' (`n`) and the distinct people they
 * come from (`people`: cases, or referrals), a count's.
 */
export interface RowUnits {
  numerator: string[];
  denominator: string[];
  n: string[];
  people: Set<string>;
}

const UNITS = new WeakMap<IndicatorRow, RowUnits>();
/** The units of a row made by Groups (undefined for any other row). */
export function unitsOf(row: IndicatorRow): RowUnits | undefined {
  return UNITS.get(row);
}
function withUnits(row: IndicatorRow, units: RowUnits): IndicatorRow {
  UNITS.set(row, units);
  return row;
}

/** Groups keyed by the JSON of their dimensions (keys in the order measure, sop, groupBy…). */
export class Groups {
  private readonly groups = new Map<string, Group>();

  /** The groups for these dimension sets, created on first use. */
  at(dimsList: RowDimensions[]): Group[] {
    return dimsList.map((dims) => {
      const key = JSON.stringify(dims);
      let g = this.groups.get(key);
      if (!g) {
        g = { dims, numerator: 0, denominator: 0, values: [], caseIds: new Set(), units: { numerator: [], denominator: [], n: [], people: new Set() } };
        this.groups.set(key, g);
      }
      return g;
    });
  }

  /** One unit in the denominator, and in the numerator when `hit`. */
  proportion(dimsList: RowDimensions[], hit: boolean, unit: string): void {
    for (const g of this.at(dimsList)) {
      g.denominator += 1;
      g.units.denominator.push(unit);
      if (hit) {
        g.numerator += 1;
        g.units.numerator.push(unit);
      }
    }
  }

  /** A value of unit `unit`, which comes from person `person` (a case or a referral; default the unit). */
  value(dimsList: RowDimensions[], v: number, unit: string, person = unit): void {
    for (const g of this.at(dimsList)) {
      g.values.push(v);
      g.units.n.push(unit);
      g.units.people.add(person);
    }
  }

  count(dimsList: RowDimensions[], caseId: string): void {
    for (const g of this.at(dimsList)) g.caseIds.add(caseId);
  }

  /** Groups in a deterministic order: by the JSON of their dimensions. */
  sorted(): Group[] {
    return [...this.groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  }

  proportionRows(): IndicatorRow[] {
    return this.sorted()
      .filter((g) => g.denominator > 0)
      .map((g) => withUnits({
        ...g.dims,
        numerator: g.numerator,
        denominator: g.denominator,
        value: g.numerator / g.denominator,
        ci95: wilson(g.numerator, g.denominator),
      }, g.units));
  }

  distributionRows(): IndicatorRow[] {
    return this.sorted()
      .filter((g) => g.values.length > 0)
      .map((g) => withUnits({
        ...g.dims,
        n: g.values.length,
        median: quantileInclusive(g.values, 0.5) ?? null,
        p90: quantileInclusive(g.values, 0.9) ?? null,
      }, g.units));
  }

  countRows(): IndicatorRow[] {
    return this.sorted()
      .filter((g) => g.caseIds.size > 0)
      .map((g) => withUnits({ ...g.dims, count: g.caseIds.size }, { ...g.units, n: [...g.caseIds] }));
  }
}

/** Names of the dimension fields a row may carry, in a fixed order. */
export const ROW_DIMENSION_KEYS = [
  'measure', 'sop', 'outcome', 'closureReason', 'country', 'period', 'sex', 'ageGroup', 'exploitation', 'citizenship', 'countryRole', 'toCountry',
] as const;

/**
 * A canonical key of a row's dimensions (those present and not undefined, in a fixed order),
 * independent of the order the row's properties were written in: for pairing rows of two sources.
 */
export function dimensionKey(row: RowDimensions): string {
  const dims: Record<string, string | number> = {};
  for (const k of ROW_DIMENSION_KEYS) {
    const v = row[k];
    if (v !== undefined && v !== null) dims[k] = v;
  }
  return JSON.stringify(dims);
}
