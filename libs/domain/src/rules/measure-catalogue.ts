// What the case rules read of the catalogue (CATALOGUE.md "Versions and national profiles", last
// paragraph): a `measure` code is valid if some published baseline version has it; whether a
// child-only measure may be recorded for a case follows V(c), the document governing the case as
// of receipt. Pure: the published documents and the knowledge time are passed in.
import { SHIPPED_CATALOGUE } from '../catalogue/catalogue-document';
import type { PublishedCatalogueDocument } from '../catalogue/catalogue-document';
import { CatalogueAsOf } from '../catalogue/catalogue-resolution';
import type { GovernedCase, ResolvedMeasure } from '../catalogue/catalogue-resolution';

export interface MeasureCatalogue {
  /** The knowledge time (ms) the documents are read as of. */
  readonly asOfMs: number;
  /** Some baseline version known at that time has a measure with this code. */
  isKnownMeasure(code: string): boolean;
  /** A document (baseline or national profile) of this id is known at that time. */
  isKnownDocument(id: string): boolean;
  /** The measure as V(c) resolves it for this case; undefined when V(c) has no such measure. */
  measureFor(c: GovernedCase, code: string): ResolvedMeasure | undefined;
}

/** The catalogue the case rules read, as of knowledge time `asOfMs`. */
export function measureCatalogue(published: readonly PublishedCatalogueDocument[], asOfMs: number): MeasureCatalogue {
  const asOf = new CatalogueAsOf(published, asOfMs);
  const codes = new Set<string>();
  const ids = new Set<string>();
  for (const { document } of asOf.documents) {
    ids.add(document.id);
    if (document.kind === 'baseline') for (const m of document.measures) codes.add(m.code);
  }
  const byDocument = new Map<string, Map<string, ResolvedMeasure>>();
  return {
    asOfMs,
    isKnownMeasure: (code) => codes.has(code),
    isKnownDocument: (id) => ids.has(id),
    measureFor(c, code) {
      const rules = asOf.rulesFor(c);
      if (!rules) return undefined;
      let measures = byDocument.get(rules.id);
      if (!measures) {
        measures = new Map(rules.measures.map((m) => [m.code, m]));
        byDocument.set(rules.id, measures);
      }
      return measures.get(code);
    },
  };
}

/** Before any publication: `trm-baseline-1` alone governs every case. */
export const SHIPPED_MEASURE_CATALOGUE: MeasureCatalogue = measureCatalogue(SHIPPED_CATALOGUE, Number.POSITIVE_INFINITY);
