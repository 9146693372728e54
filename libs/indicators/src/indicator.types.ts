/** Grouping dimensions of CONTRACT.md §2. `period:*` appears in rows as `period`. */
export const DIMENSIONS = [
  'country', 'sop', 'measure', 'period:month', 'period:quarter', 'period:year', 'sex', 'ageGroup', 'exploitation',
  'citizenship', 'countryRole', 'toCountry', 'outcome', 'closureReason',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type IndicatorKind = 'proportion' | 'distribution' | 'count';

export interface IndicatorQuery {
  /** Knowledge time: only events with recordedAt ≤ asOf exist. */
  asOf: Date;
  /** Half-open period [from, to); undefined = unbounded. */
  from?: Date;
  to?: Date;
  countries?: string[];
  /** Referral indicators: the receivers (INDICATORS.md "Referrals seen from both sides"). */
  toCountries?: string[];
  /**
   * Referral indicators, a rapporteur naming neither countries nor toCountries: only referrals whose
   * sender or receiver is in this list (the key's countries; set by the service, never by a request).
   */
  eitherSide?: string[];
  measures?: string[];
  sops?: number[];
  /** Requested dimensions, in request order, without the implicit ones (measure/sop). */
  groupBy: Dimension[];
}

/** Row dimension values, by name: country, sop (number), measure, period, sex, ageGroup, ... */
export type RowDimensions = Partial<Record<
  'country' | 'measure' | 'period' | 'sex' | 'ageGroup' | 'exploitation' | 'citizenship' | 'countryRole' | 'toCountry'
  | 'outcome' | 'closureReason',
  string
>> & { sop?: number };

export interface ProportionFigures {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  ci95: [number, number] | null;
}
export interface DistributionFigures {
  n: number | null;
  median: number | null;
  p90: number | null;
}
export interface CountFigures {
  count: number | null;
}

export type IndicatorRow = RowDimensions &
  Partial<ProportionFigures & DistributionFigures & CountFigures> & { suppressed?: boolean };

/** The dimension fields a row can carry, in a fixed order. */
export const ROW_DIMENSION_KEYS = [
  'measure', 'sop', 'outcome', 'closureReason', 'country', 'period', 'toCountry', 'sex', 'ageGroup', 'exploitation',
  'citizenship', 'countryRole',
] as const;

/** A row's identity: its dimension values, in the fixed order. */
export function rowKey(row: IndicatorRow): string {
  return JSON.stringify(ROW_DIMENSION_KEYS.filter((k) => k in row).map((k) => [k, (row as Record<string, unknown>)[k]]));
}
