import { IndicatorQueryError } from './indicator-query.builder';
import type { IndicatorKind, IndicatorQuery, IndicatorRow } from './indicator.types';
import { wilson } from './statistics';

/**
 * Disclosure control (INDICATORS.md "Disclosure control"): the cell-key method of the ABS
 * TableBuilder and the 2021 UK census, for every figure a manager reads.
 *
 * The warehouse sums, next to each count, the record keys of the units it counts (`*_key`: Σ rk
 * mod 2³², see migration 0009 and the `{{#dc}}` sections of the indicator SQL); here each figure is
 * perturbed by the amount its cell key selects, and rows of fewer than k units are left out exactly
 * like empty ones. The same units always give the same key, so asking twice gives the same answer.
 */
export interface DisclosureControl {
  k: number;
  method: 'cell-key';
  asOfRounded: true;
}

export function disclosureControl(k: number): DisclosureControl {
  return { k, method: 'cell-key', asOfRounded: true };
}

/** A figure's size, its cell key (Σ rk mod 2³²) and, for distributions, its distinct units. */
export interface KeyedFigures {
  count_key?: number;
  numerator_key?: number;
  denominator_key?: number;
  n_key?: number;
  /** Distinct units behind a distribution's values (cases; referrals; data.reporting_lag: cases). */
  n_units?: number;
}

const TWO_32 = 2 ** 32;

/** d of rule 4, from a cell key given as its 32-bit integer (ck = key / 2³²). */
export function perturbation(key: number): number {
  const ck = (((key % TWO_32) + TWO_32) % TWO_32) / TWO_32;
  if (ck < 0.1) return -2;
  if (ck < 0.3) return -1;
  if (ck < 0.7) return 0;
  if (ck < 0.9) return 1;
  return 2;
}

/** A count, denominator or n: 0 if 0; undefined (withheld) if 1 ≤ v < k; else max(k, v + d). */
export function publishSize(v: number, key: number, k: number): number | undefined {
  if (v === 0) return 0;
  if (v < k) return undefined;
  return Math.max(k, v + perturbation(key));
}

/** A numerator: as a size when ≥ k, max(0, v + d) below k (never withheld), clamped to [0, denominator]. */
export function publishNumerator(v: number, key: number, k: number, denominator: number): number {
  const d = perturbation(key);
  const published = v === 0 ? 0 : v < k ? Math.max(0, v + d) : Math.max(k, v + d);
  return Math.min(Math.max(published, 0), denominator);
}

/** Rule 1: `from`/`to` on the first day of a month at 00:00 UTC (else 400); asOf down to 00:00 UTC. */
export function coarsenTime(q: IndicatorQuery): IndicatorQuery {
  for (const [name, t] of [['from', q.from], ['to', q.to]] as const) {
    if (t && (t.getUTCDate() !== 1 || t.getTime() % 86_400_000 !== 0)) {
      throw new PeriodNotAlignedError(`${name} must be the first day of a month at 00:00 UTC for this key (disclosure control)`);
    }
  }
  const day = Math.floor(q.asOf.getTime() / 86_400_000) * 86_400_000;
  return { ...q, asOf: new Date(day) };
}

export class PeriodNotAlignedError extends IndicatorQueryError {
  constructor(message: string) {
    super(message, 'period_not_aligned');
  }
}

/**
 * Rules 4 and 5 on an indicator's rows as computed with their keys (rows of size 0 already gone):
 * every figure perturbed, value and ci95 from the published figures, rows of 1 to k − 1 units left
 * out, and the keys dropped.
 */
export function applyDisclosureControl(rows: (IndicatorRow & KeyedFigures)[], kind: IndicatorKind, k: number): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const { count_key, numerator_key, denominator_key, n_key, n_units, ...row } of rows) {
    delete (row as { caseIds?: unknown }).caseIds;
    if (kind === 'count') {
      const count = publishSize(row.count ?? 0, count_key ?? 0, k);
      if (!count) continue;
      out.push({ ...row, count });
    } else if (kind === 'proportion') {
      const denominator = publishSize(row.denominator ?? 0, denominator_key ?? 0, k);
      if (!denominator) continue;
      const numerator = publishNumerator(row.numerator ?? 0, numerator_key ?? 0, k, denominator);
      out.push({ ...row, numerator, denominator, value: numerator / denominator, ci95: wilson(numerator, denominator) });
    } else {
      const units = n_units ?? row.n ?? 0;
      if (units < k) continue;
      const n = publishSize(row.n ?? 0, n_key ?? 0, k);
      if (!n) continue;
      out.push({ ...row, n });
    }
  }
  return out;
}
