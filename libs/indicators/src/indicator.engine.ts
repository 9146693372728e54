import type { Warehouse } from '@trm/warehouse';
import { buildIndicatorQuery, dimColumn } from './indicator-query.builder';
import type { IndicatorDefinition } from './indicator-definitions';
import { ROW_DIMENSION_KEYS } from './indicator.types';
import type { IndicatorQuery, IndicatorRow } from './indicator.types';
import { wilson } from './statistics';

type SqlRow = Record<string, unknown>;


/** The watermark of the newest listed snapshot of the case views at or before `asOf` (0: none). */
export async function latestSnapshot(warehouse: Warehouse, db: string, asOf: Date): Promise<number> {
  const [row] = await warehouse.query<{ s: string | number }>(
    'SELECT max(snapshot) AS s FROM {db:Identifier}.view_snapshots_v1 WHERE snapshot <= {at:UInt64}',
    { db, at: asOf.getTime() },
  );
  return Number(row?.s ?? 0);
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
  options: { caseIds?: boolean; snapshot?: number } = {},
): Promise<IndicatorRow[]> {
  const snapshot = options.snapshot ?? (await latestSnapshot(warehouse, db, q.asOf));
  const built = buildIndicatorQuery(def, q, db, { ...options, snapshot });
  const raw = await warehouse.query<SqlRow>(built.sql, built.params);
  const rows = raw.map((r) => {
    const row: IndicatorRow & { caseIds?: string[] } = {};
    if ('measure' in r) row.measure = String(r.measure);
    if ('sop' in r) row.sop = Number(r.sop);
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
    return row;
  });
  return rows
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
