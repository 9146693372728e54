import { BASELINE_CATALOGUE_VERSION, CatalogueAsOf, durationMs, findMeasure, getCatalogue, SHIPPED_CATALOGUE, toCatalogue } from '@trm/domain';
import type { Catalogue, PublishedCatalogueDocument, ResolvedCatalogue, StoredEventData } from '@trm/domain';

/**
 * What the case facts need from one catalogue document (CATALOGUE.md): per measure its SOP,
 * deadline, `before` measure and appliesTo terms, read once into plain values so the fold does no
 * parsing per case. Built from a document passed in, never from a module-level cache: the document
 * governing a case (`V(c)`, CATALOGUE.md "Versions and national profiles") can differ per case.
 */
export interface MeasureRule {
  code: string;
  sop: number;
  /** The deadline's anchor: 'case.opened' or a measure code; undefined when m has no deadline. */
  anchor?: string;
  /** The deadline's `within` in ms (0 without a deadline). */
  withinMs: number;
  before?: string;
  /** The SOP of the measure's `entered:SOP<n>` term, 0 if none. */
  needsEntered: number;
  /** Its other appliesTo terms. */
  needs: { child: boolean; adult: boolean; foreign: boolean; origin: boolean };
  /** False when the governing national profile has not adopted it: it applies to no case. */
  adopted: boolean;
  /**
   * Another measure's deadline counts from it, or its `before` names it: its pair row also carries
   * the case's entered SOPs and earliest closure, which the rules of the measures depending on it need.
   */
  hub: boolean;
}

/** A case's attributes the appliesTo terms read. */
export interface CaseProfileFacts {
  child: boolean;
  foreign: boolean;
  origin: boolean;
}

export class CatalogueRules {
  private readonly rules = new Map<string, MeasureRule>();
  /** Codes some deadline counts from or some `before` names. */
  private readonly hubs = new Set<string>();
  /** The document's measures with a deadline: each may be overdue without any record. */
  readonly withDeadline: readonly MeasureRule[];

  constructor(readonly catalogue: Catalogue) {
    for (const m of catalogue.measures) {
      if (m.deadline) this.hubs.add(m.deadline.anchor);
      if (m.before !== undefined) this.hubs.add(m.before);
    }
    for (const m of catalogue.measures) {
      if (this.rules.has(m.code)) continue; // the first definition of a code wins, as findMeasure reads it
      const entered = m.appliesTo.find((t) => t.startsWith('entered:SOP'));
      this.rules.set(m.code, {
        code: m.code,
        sop: m.sop,
        anchor: m.deadline?.anchor,
        withinMs: m.deadline ? durationMs(m.deadline.within) : 0,
        before: m.before,
        needsEntered: entered ? Number(entered.slice('entered:SOP'.length)) : 0,
        needs: {
          child: m.appliesTo.includes('child'), adult: m.appliesTo.includes('adult'),
          foreign: m.appliesTo.includes('foreign'), origin: m.appliesTo.includes('origin'),
        },
        adopted: m.adopted !== false,
        hub: this.hubs.has(m.code),
      });
    }
    this.withDeadline = catalogue.measures.filter((m) => m.deadline).map((m) => this.rule(m.code));
  }

  get version(): string {
    return this.catalogue.version;
  }

  /**
   * The rule of a measure. A code the document does not define (another baseline's measure) has no
   * SOP, deadline or terms, and applies to no case governed by it (INDICATORS.md applies(c,m): m is
   * a measure of V(c)); records of it still count in measures used and SOP reach.
   */
  rule(measure: string): MeasureRule {
    let r = this.rules.get(measure);
    if (!r) {
      r = {
        code: measure, sop: 0, withinMs: 0, needsEntered: 0,
        needs: { child: false, adult: false, foreign: false, origin: false }, adopted: false, hub: this.hubs.has(measure),
      };
      this.rules.set(measure, r);
    }
    return r;
  }

  /** The `entered:SOP<n>` term of m's appliesTo holds (`enteredMask`: bit s set when the case entered SOP s). */
  enteredOk(rule: MeasureRule, enteredMask: number): boolean {
    return rule.needsEntered === 0 || (enteredMask & (1 << rule.needsEntered)) !== 0;
  }

  /** applies(c, m) but for its `entered` term: m is adopted and every other appliesTo term of m holds for the case. */
  profileFits(rule: MeasureRule, c: CaseProfileFacts): boolean {
    const n = rule.needs;
    return rule.adopted && (!n.child || c.child) && (!n.adult || !c.child) && (!n.foreign || c.foreign) && (!n.origin || c.origin);
  }
}

/** The rules of a published catalogue document, by its id. */
export function catalogueRules(version: string = BASELINE_CATALOGUE_VERSION): CatalogueRules {
  const catalogue = getCatalogue(version);
  if (!catalogue) throw new Error(`unknown catalogue version ${version}`);
  return new CatalogueRules(catalogue);
}

/** The rules of a resolved document (a baseline, or a national profile applied to its base: see `CatalogueAsOf` in the domain). */
export function catalogueRulesOf(resolved: ResolvedCatalogue): CatalogueRules {
  return new CatalogueRules(toCatalogue(resolved));
}

/** The rules governing a case (`V(c)`), given its opening. */
export type CaseRules<C = unknown> = (opened: C) => CatalogueRules;

/** Every case under one document. */
export function sameRulesForEveryCase<C>(rules: CatalogueRules): CaseRules<C> {
  return () => rules;
}

/** What V(c) reads of a case's opening. */
export interface GovernedOpening {
  country: string;
  openedMs: number;
}

/**
 * The catalogue documents published up to the projector's position, answering V(c) for the fold
 * (CATALOGUE.md "Versions and national profiles"). The projector reads the catalogue stream with
 * the case streams in store order, so a case event is folded under the documents recorded before
 * it; a publication makes a new `CatalogueInForce` (`with`), and the cases whose document it changes
 * are folded again (CaseViewProjection.refold). Rules are built once per document id.
 */
export class CatalogueInForce {
  private readonly asOf: CatalogueAsOf;
  private readonly rules = new Map<string, CatalogueRules>();

  constructor(readonly published: readonly PublishedCatalogueDocument[] = SHIPPED_CATALOGUE) {
    // In store order: every document read so far counts (knowledge time only grows along positions).
    this.asOf = new CatalogueAsOf(published, Number.POSITIVE_INFINITY);
  }

  /** The documents once `doc` is published too. */
  with(doc: PublishedCatalogueDocument): CatalogueInForce {
    return new CatalogueInForce([...this.published, doc]);
  }

  /** The id of V(c). */
  governingId(c: GovernedOpening): string {
    const doc = this.asOf.governing(c);
    if (!doc) throw new Error('no catalogue baseline is in effect'); // never: the shipped baseline is effective from 0001-01-01
    return doc.id;
  }

  /** A published document resolved, in the catalogue model (for catalogue_measures_v1). */
  catalogue(id: string): Catalogue {
    const resolved = this.asOf.resolve(id);
    if (!resolved) throw new Error('unknown catalogue document');
    return toCatalogue(resolved);
  }

  /** The fold's rules of V(c). */
  rulesFor = (c: GovernedOpening): CatalogueRules => {
    const id = this.governingId(c);
    let r = this.rules.get(id);
    if (!r) {
      r = new CatalogueRules(this.catalogue(id));
      this.rules.set(id, r);
    }
    return r;
  };
}

const sopOf = new Map<string, number>();

/**
 * The SOP of a measure record: its measure's in the catalogue version the record names, else the
 * digit of its code's `SOP<n>.` prefix. (Memoised per version and code: published documents never change.)
 */
export function measureSop(d: Extract<StoredEventData, { type: 'measure.recorded' }>): number {
  const key = `${d.catalogueVersion ?? ''}|${d.measure}`;
  let sop = sopOf.get(key);
  if (sop === undefined) {
    const catalogue = getCatalogue(d.catalogueVersion);
    sop = (catalogue && findMeasure(catalogue, d.measure)?.sop) ?? Number(d.measure.charAt(3));
    sopOf.set(key, sop);
  }
  return sop;
}
