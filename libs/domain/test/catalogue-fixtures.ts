// Catalogue documents for the tests of catalogue-*.unit.spec.ts: built fresh per call so a test
// can break one field at a time.
import { SHIPPED_BASELINE, SHIPPED_CATALOGUE } from '@trm/domain';
import type { CatalogueDocument, PublishedCatalogueDocument } from '@trm/domain';

/** A plain, mutable copy of a JSON value. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** trm-baseline-2 of CATALOGUE.md's example: the shipped measures, SOP2.M1 re-timed to P2D. */
export function baseline2(): Record<string, unknown> & { measures: Record<string, unknown>[] } {
  const measures = clone(SHIPPED_BASELINE.measures) as unknown as Record<string, unknown>[];
  const m = measures.find((x) => x.code === 'SOP2.M1')!;
  m.deadline = { anchor: 'SOP1.M3', within: 'P2D' };
  return { id: 'trm-baseline-2', kind: 'baseline', effectiveFrom: '2026-01-01', measures };
}

/** trm-BG-1 of CATALOGUE.md's example. */
export function profileBG(): Record<string, unknown> & { adaptations: Record<string, unknown> } {
  return {
    id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-01-01',
    adaptations: {
      'SOP1.M4': { adopted: false },
      'SOP2.M1': { deadline: { anchor: 'SOP1.M3', within: 'P2D' } },
      'SOP3.M6': { deadline: null },
    },
  };
}

/** The shipped catalogue followed by these publications, in this order. */
export function publishedWith(...docs: [CatalogueDocument | Record<string, unknown>, string][]): PublishedCatalogueDocument[] {
  return [
    ...SHIPPED_CATALOGUE,
    ...docs.map(([document, recordedAt]) => ({ document: document as CatalogueDocument, recordedAt, publishedBy: 'admin' })),
  ];
}
