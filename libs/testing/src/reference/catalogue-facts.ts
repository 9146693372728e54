// The catalogue `trm-baseline-1` as the reference uses it (its SOPs, and the SOP of a code).
// What governs each case is V(c): catalogue-documents.ts.
import { BASELINE_CATALOGUE_VERSION, findMeasure, getCatalogue } from '@trm/domain';
import type { Catalogue } from '@trm/domain';
import type { IndicatorQuery } from '../../../indicators/src/indicator.types';

export const CATALOGUE: Catalogue = (() => {
  const c = getCatalogue(BASELINE_CATALOGUE_VERSION);
  if (!c) throw new Error(`catalogue ${BASELINE_CATALOGUE_VERSION} missing`);
  return c;
})();

/** The SOP of a measure code: from the catalogue, else from the code's `SOP<n>.` prefix. */
export function sopOfMeasure(code: string): number | undefined {
  const m = findMeasure(CATALOGUE, code);
  if (m) return m.sop;
  const parsed = /^SOP(\d+)\./.exec(code);
  return parsed ? Number(parsed[1]) : undefined;
}

/**
 * A measure row passes the filters when its measure is among q.measures and its SOP among q.sops
 * (each filter only when given and non-empty).
 */
export function measurePassesFilters(m: { code: string; sop: number }, q: IndicatorQuery): boolean {
  if (q.measures?.length && !q.measures.includes(m.code)) return false;
  if (q.sops?.length && !q.sops.includes(m.sop)) return false;
  return true;
}
