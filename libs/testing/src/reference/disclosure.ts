// INDICATORS.md "Disclosure control", read literally: what a manager is shown, from the exact rows
// and the ids of the units behind each figure. Shares no code with libs/indicators.
import { createHmac } from 'node:crypto';
import type { IndicatorRow } from '../../../indicators/src/indicator.types';
import { unitsOf } from './grouping';
import { wilson } from './statistics';

/** Rule 2: the first 8 hex digits of HMAC-SHA-256(secret, "record-key:" + id), as an integer, / 2³². */
export function recordKey(secret: string, id: string): number {
  const hex = createHmac('sha256', secret).update('record-key:' + id).digest('hex');
  return parseInt(hex.slice(0, 8), 16) / 2 ** 32;
}

/** Rule 3: the fractional part of Σ rk over the set, in exact integer arithmetic. */
export function cellKey(secret: string, ids: string[]): number {
  let sum = 0n;
  for (const id of ids) sum += BigInt(Math.round(recordKey(secret, id) * 2 ** 32));
  return Number(sum % 2n ** 32n) / 2 ** 32;
}

/** Rule 4's d. */
export function noise(ck: number): number {
  if (ck < 0.1) return -2;
  if (ck < 0.3) return -1;
  if (ck < 0.7) return 0;
  if (ck < 0.9) return 1;
  return 2;
}

/** The published value of a count, denominator or n; null = withheld. */
function published(v: number, ck: number, k: number): number | null {
  if (v === 0) return 0;
  if (v < k) return null;
  return Math.max(k, v + noise(ck));
}

/**
 * Rules 4 and 5 on rows computed by the reference (whose units it knows): perturbed, withheld
 * rows left out like empty ones, value and ci95 from the published figures.
 */
export function referenceDisclosure(rows: IndicatorRow[], secret: string, k: number): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const row of rows) {
    const units = unitsOf(row);
    if (!units) throw new Error('a row without its units');
    if (row.count !== undefined) {
      const count = published(row.count ?? 0, cellKey(secret, units.n), k);
      if (count) out.push({ ...row, count });
    } else if (row.denominator !== undefined) {
      const denominator = published(row.denominator ?? 0, cellKey(secret, units.denominator), k);
      if (!denominator) continue;
      const v = row.numerator ?? 0;
      const d = noise(cellKey(secret, units.numerator));
      let numerator = v === 0 ? 0 : v < k ? Math.max(0, v + d) : Math.max(k, v + d);
      numerator = Math.min(Math.max(numerator, 0), denominator);
      out.push({ ...row, numerator, denominator, value: numerator / denominator, ci95: wilson(numerator, denominator) });
    } else {
      if (units.people.size < k) continue;
      const n = published(row.n ?? 0, cellKey(secret, units.n), k);
      if (n) out.push({ ...row, n });
    }
  }
  return out;
}
