// CATALOGUE.md "Versions and national profiles", read literally: which document governs a case as
// of T (V(c)), and what that document says about each measure once a national profile is laid
// over its base. Written plainly and on purpose without the domain's resolution code
// (CatalogueAsOf, resolveCatalogueDocument, toCatalogue): the property test compares the two.
import { SHIPPED_BASELINE } from '@trm/domain';
import type { CatalogueDocument } from '@trm/domain';

/** One published document and its knowledge time (`null`: shipped, known before any event). */
export interface ReferenceDocument {
  document: CatalogueDocument;
  recordedAt: string | null;
}

/** `trm-baseline-1` alone: the catalogue before any publication. */
export const SHIPPED_DOCUMENTS: readonly ReferenceDocument[] = [{ document: SHIPPED_BASELINE, recordedAt: null }];

/** What V(c) says about one measure (the base's fields, with the profile's adaptation applied). */
export interface ReferenceMeasure {
  code: string;
  sop: number;
  appliesTo: readonly string[];
  deadline?: { anchor: string; within: string };
  before?: string;
  /** false: the governing profile has not adopted the measure. */
  adopted?: boolean;
}

/** The rules governing a case: the id of V(c) and its measures by code. */
export interface ReferenceRules {
  id: string;
  measures: Map<string, ReferenceMeasure>;
}

const knownAt = (d: ReferenceDocument, T: number): boolean => d.recordedAt === null || Date.parse(d.recordedAt) <= T;

/** `YYYY-MM-DD` means 00:00 UTC that day. */
export const effectiveFromInstant = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/**
 * V(c) as of T: among the documents published by T, the national profile of the case's country
 * with the greatest effectiveFrom ≤ openedAt; if none, the baseline with the greatest
 * effectiveFrom ≤ openedAt. Ties go to the later publication (later in the list).
 */
export function governingDocument(
  documents: readonly ReferenceDocument[],
  country: string,
  openedAt: number,
  T: number,
): CatalogueDocument | undefined {
  let profile: CatalogueDocument | undefined;
  let baseline: CatalogueDocument | undefined;
  for (const d of documents) {
    if (!knownAt(d, T)) continue;
    const doc = d.document;
    const from = effectiveFromInstant(doc.effectiveFrom);
    if (from > openedAt) continue;
    if (doc.kind === 'national') {
      if (doc.country !== country) continue;
      // ≥: a later publication with the same effectiveFrom wins.
      if (!profile || from >= effectiveFromInstant(profile.effectiveFrom)) profile = doc;
    } else if (!baseline || from >= effectiveFromInstant(baseline.effectiveFrom)) {
      baseline = doc;
    }
  }
  return profile ?? baseline;
}

/**
 * A document's measures: a baseline's own; a profile's are its base's with each adaptation laid
 * over (`adopted: false` marks the measure, `deadline` replaces the base's, `deadline: null` removes it).
 */
export function rulesOf(doc: CatalogueDocument, documents: readonly ReferenceDocument[]): ReferenceRules {
  const measures = new Map<string, ReferenceMeasure>();
  if (doc.kind === 'baseline') {
    for (const m of doc.measures) measures.set(m.code, { ...m });
    return { id: doc.id, measures };
  }
  const base = documents.map((d) => d.document).find((d) => d.kind === 'baseline' && d.id === doc.base);
  if (!base || base.kind !== 'baseline') throw new Error(`profile ${doc.id}: base ${doc.base} not published`);
  for (const m of base.measures) {
    const measure: ReferenceMeasure = { ...m };
    const a = Object.prototype.hasOwnProperty.call(doc.adaptations, m.code) ? doc.adaptations[m.code] : undefined;
    if (a && 'adopted' in a && a.adopted === false) measure.adopted = false;
    if (a && 'deadline' in a) {
      delete measure.deadline;
      if (a.deadline) measure.deadline = { anchor: a.deadline.anchor, within: a.deadline.within };
    }
    measures.set(m.code, measure);
  }
  return { id: doc.id, measures };
}

/** V(c)'s rules as of T (memoised per document: documents are immutable). */
export class RulesAsOf {
  private readonly resolved = new Map<string, ReferenceRules>();

  constructor(private readonly documents: readonly ReferenceDocument[], private readonly T: number) {}

  forCase(country: string, openedAt: number): ReferenceRules {
    const doc = governingDocument(this.documents, country, openedAt, this.T);
    if (!doc) throw new Error('no baseline governs the case: trm-baseline-1 must be among the documents');
    let rules = this.resolved.get(doc.id);
    if (!rules) {
      rules = rulesOf(doc, this.documents);
      this.resolved.set(doc.id, rules);
    }
    return rules;
  }

  /** Every measure code of every document known as of T (the rows a measure indicator may have). */
  codes(): string[] {
    const codes = new Set<string>();
    for (const d of this.documents) {
      if (!knownAt(d, this.T)) continue;
      const doc = d.document;
      if (doc.kind === 'baseline') for (const m of doc.measures) codes.add(m.code);
    }
    return [...codes].sort();
  }
}
