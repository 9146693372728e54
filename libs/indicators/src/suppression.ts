import type { IndicatorKind, IndicatorRow } from './indicator.types';

/** The figure suppression looks at: denominator, n or count. */
function size(row: IndicatorRow, kind: IndicatorKind): number {
  if (kind === 'proportion') return row.denominator ?? 0;
  if (kind === 'distribution') return row.n ?? 0;
  return row.count ?? 0;
}

/**
 * INDICATORS.md "Suppression": a row whose size is between 1 and k − 1 keeps its dimensions,
 * nulls every figure and says `suppressed: true` — never shown as zero.
 */
export function suppress(rows: IndicatorRow[], kind: IndicatorKind, k: number): IndicatorRow[] {
  return rows.map((row) => {
    const n = size(row, kind);
    if (n < 1 || n >= k) return { ...row, suppressed: false };
    const out: IndicatorRow = { ...row, suppressed: true };
    for (const f of ['numerator', 'denominator', 'value', 'ci95', 'n', 'median', 'p90', 'count'] as const) {
      if (f in out) (out as Record<string, unknown>)[f] = null;
    }
    delete (out as Record<string, unknown>).caseIds;
    return out;
  });
}
