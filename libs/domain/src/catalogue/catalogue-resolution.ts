import baseline from './trm-baseline-1.json';
import type { Actor } from '../vocabularies';
import type { ApplicabilityTerm, Catalogue } from './catalogue';
import { effectiveFromMs, recordedMs } from './catalogue-document';
import type {
  BaselineDocument, CatalogueDeadline, CatalogueDocument, NationalProfile, PublishedCatalogueDocument,
} from './catalogue-document';

/**
 * Resolution (CATALOGUE.md "Versions and national profiles"): which document governs a case as of
 * a knowledge time T (`V(c)`), and that document's measure rules with a national profile applied
 * to its base. Pure: the published documents are passed in, in publication order.
 */

/** A measure as it governs a case: the deadline in force (`null`: none) and whether it is adopted. */
export interface ResolvedMeasure {
  code: string;
  sop: number;
  title: string;
  appliesTo: ApplicabilityTerm[];
  deadline: CatalogueDeadline | null;
  before?: string;
  actors: Actor[];
  adopted: boolean;
}

/** A document resolved (what `GET /v1/catalogue/{id}` answers): a baseline, or a profile applied to its base. */
export interface ResolvedCatalogue {
  id: string;
  kind: 'baseline' | 'national';
  /** National profiles only. */
  country?: string;
  base?: string;
  effectiveFrom: string;
  measures: ResolvedMeasure[];
}

/** The documents known at knowledge time T (ms): published at or before T. Later ones never matter. */
export function documentsAsOf(published: readonly PublishedCatalogueDocument[], asOfMs: number): PublishedCatalogueDocument[] {
  return published.filter((p) => recordedMs(p) <= asOfMs);
}

function resolveBaseline(doc: BaselineDocument): ResolvedCatalogue {
  return {
    id: doc.id, kind: 'baseline', effectiveFrom: doc.effectiveFrom,
    measures: doc.measures.map((m) => ({
      code: m.code, sop: m.sop, title: m.title, appliesTo: [...m.appliesTo],
      deadline: m.deadline ? { ...m.deadline } : null,
      ...(m.before !== undefined ? { before: m.before } : {}),
      actors: [...m.actors], adopted: true,
    })),
  };
}

function resolveProfile(doc: NationalProfile, base: BaselineDocument): ResolvedCatalogue {
  const resolvedBase = resolveBaseline(base);
  return {
    id: doc.id, kind: 'national', country: doc.country, base: doc.base, effectiveFrom: doc.effectiveFrom,
    measures: resolvedBase.measures.map((m) => {
      const a = Object.prototype.hasOwnProperty.call(doc.adaptations, m.code) ? doc.adaptations[m.code] : undefined;
      if (!a) return m;
      if ('adopted' in a) return { ...m, adopted: a.adopted };
      return { ...m, deadline: a.deadline ? { ...a.deadline } : null };
    }),
  };
}

/**
 * A document resolved against the documents published with it: a baseline as it is, a national
 * profile applied to its base. `undefined` when a profile's base is not among `published` (the
 * publishing checks make that impossible for stored documents).
 */
export function resolveCatalogueDocument(doc: CatalogueDocument, published: readonly PublishedCatalogueDocument[]): ResolvedCatalogue | undefined {
  if (doc.kind === 'baseline') return resolveBaseline(doc);
  const base = published.find((p) => p.document.kind === 'baseline' && p.document.id === doc.base)?.document;
  return base?.kind === 'baseline' ? resolveProfile(doc, base) : undefined;
}

/** What V(c) reads of a case: its reporting country and when it was opened (`openedAt`, ms). */
export interface GovernedCase {
  country: string;
  openedMs: number;
}

/**
 * The published documents as of one knowledge time T, ready to answer `V(c)` for many cases (the
 * projector's fold asks once per case): built once per T, each document resolved once.
 */
export class CatalogueAsOf {
  /** Baselines, and each country's profiles, in publication order with their effective instant. */
  private readonly baselines: { doc: BaselineDocument; from: number }[] = [];
  private readonly profiles = new Map<string, { doc: NationalProfile; from: number }[]>();
  private readonly resolved = new Map<string, ResolvedCatalogue>();
  /** The documents known at T, in publication order. */
  readonly documents: readonly PublishedCatalogueDocument[];

  constructor(published: readonly PublishedCatalogueDocument[], readonly asOfMs: number) {
    this.documents = documentsAsOf(published, asOfMs);
    for (const { document: doc } of this.documents) {
      const from = effectiveFromMs(doc.effectiveFrom);
      if (doc.kind === 'baseline') this.baselines.push({ doc, from });
      else {
        const list = this.profiles.get(doc.country) ?? [];
        list.push({ doc, from });
        this.profiles.set(doc.country, list);
      }
    }
  }

  /**
   * V(c): the profile of the case's country with the greatest effectiveFrom ≤ openedAt, else the
   * baseline with the greatest effectiveFrom ≤ openedAt; ties to the later publication. Undefined
   * only when no baseline is in effect at openedAt (never once the shipped baseline is published).
   */
  governing(c: GovernedCase): CatalogueDocument | undefined {
    return latestEffective(this.profiles.get(c.country) ?? [], c.openedMs) ?? latestEffective(this.baselines, c.openedMs);
  }

  /** V(c) resolved: the measure rules that govern the case as of T. */
  rulesFor(c: GovernedCase): ResolvedCatalogue | undefined {
    const doc = this.governing(c);
    return doc && this.resolve(doc.id);
  }

  /** A document known at T, resolved (memoised: published documents never change). */
  resolve(id: string): ResolvedCatalogue | undefined {
    let r = this.resolved.get(id);
    if (!r) {
      const doc = this.documents.find((p) => p.document.id === id)?.document;
      r = doc && resolveCatalogueDocument(doc, this.documents);
      if (r) this.resolved.set(id, r);
    }
    return r;
  }
}

function latestEffective<D>(list: readonly { doc: D; from: number }[], openedMs: number): D | undefined {
  let best: { doc: D; from: number } | undefined;
  // `>=`: in publication order, a later publication wins a tie on effectiveFrom.
  for (const e of list) if (e.from <= openedMs && (!best || e.from >= best.from)) best = e;
  return best?.doc;
}

/** V(c) as of T, for one case. */
export function governingDocument(published: readonly PublishedCatalogueDocument[], c: GovernedCase, asOfMs: number): CatalogueDocument | undefined {
  return new CatalogueAsOf(published, asOfMs).governing(c);
}

const SOPS: readonly { sop: number; title: string }[] = baseline.sops;

/**
 * A resolved document in the catalogue model the rest of the code reads (`Catalogue`): measures
 * not adopted stay, marked `adopted: false` — records of them still count in measures used and
 * SOP reach — and a measure without a deadline in force has none.
 */
export function toCatalogue(r: ResolvedCatalogue): Catalogue {
  return {
    version: r.id,
    effectiveFrom: r.effectiveFrom,
    sops: SOPS.map((s) => ({ ...s })),
    measures: r.measures.map((m) => ({
      code: m.code, sop: m.sop, title: m.title, childSpecific: m.code.includes('.C'),
      appliesTo: [...m.appliesTo],
      ...(m.deadline ? { deadline: { ...m.deadline } } : {}),
      ...(m.before !== undefined ? { before: m.before } : {}),
      actors: [...m.actors],
      ...(m.adopted ? {} : { adopted: false }),
    })),
  };
}
