import baseline from './trm-baseline-1.json';
import type { Actor } from '../vocabularies';
import type { ApplicabilityTerm } from './catalogue';

/**
 * Catalogue documents (CATALOGUE.md "Versions and national profiles"): baseline versions and
 * national profiles, each published once as an event of the catalogue stream and never edited.
 * These are the documents as published (what `POST /v1/catalogue` takes once checked); what
 * governs a case is their resolution (catalogue-resolution.ts).
 */

/** `{ anchor, within }`: anchor `case.opened` or a measure code of the same document; within `P<n>D`. */
export interface CatalogueDeadline {
  anchor: string;
  within: string;
}

/** One measure of a baseline version: every field required but `deadline` and `before`. */
export interface CatalogueMeasure {
  code: string;
  sop: number;
  title: string;
  appliesTo: ApplicabilityTerm[];
  deadline?: CatalogueDeadline;
  before?: string;
  actors: Actor[];
}

export interface BaselineDocument {
  id: string;
  kind: 'baseline';
  /** `YYYY-MM-DD`, meaning 00:00 UTC of that day. */
  effectiveFrom: string;
  measures: CatalogueMeasure[];
}

/**
 * How a national profile adapts one measure of its base: not adopted (applies to none of the
 * country's cases it governs), or a national deadline (`null`: no deadline nationally).
 */
export type Adaptation = { adopted: false } | { deadline: CatalogueDeadline | null };

export interface NationalProfile {
  id: string;
  kind: 'national';
  country: string;
  /** The id of a published baseline version. */
  base: string;
  effectiveFrom: string;
  /** At most one adaptation per measure code of the base (checked keys only: no prototype keys). */
  adaptations: Record<string, Adaptation>;
}

export type CatalogueDocument = BaselineDocument | NationalProfile;

/**
 * A document as stored: its knowledge time is the publishing event's `recordedAt`; the key that
 * published it is `publishedBy`. `trm-baseline-1` ships with the service and counts as published
 * before any event: both are `null` for it. A list of these is always in publication order (the
 * order of the catalogue stream), which breaks ties between equal `effectiveFrom` dates.
 */
export interface PublishedCatalogueDocument {
  document: CatalogueDocument;
  recordedAt: string | null;
  publishedBy: string | null;
}

export const SHIPPED_BASELINE_ID = 'trm-baseline-1';
/** CATALOGUE.md: `trm-baseline-1` is effective from `0001-01-01`. */
export const SHIPPED_BASELINE_EFFECTIVE_FROM = '0001-01-01';

interface ShippedMeasure {
  code: string; sop: number; title: string; appliesTo: string[];
  deadline?: CatalogueDeadline; before?: string; actors: string[];
}

/** `trm-baseline-1` as a document (the shipped JSON carries extra fields the document shape does not have). */
export const SHIPPED_BASELINE: BaselineDocument = deepFreeze({
  id: SHIPPED_BASELINE_ID,
  kind: 'baseline',
  effectiveFrom: SHIPPED_BASELINE_EFFECTIVE_FROM,
  measures: (baseline.measures as ShippedMeasure[]).map((m) => ({
    code: m.code, sop: m.sop, title: m.title, appliesTo: m.appliesTo as ApplicabilityTerm[],
    ...(m.deadline ? { deadline: { anchor: m.deadline.anchor, within: m.deadline.within } } : {}),
    ...(m.before !== undefined ? { before: m.before } : {}),
    actors: m.actors as Actor[],
  })),
});

/** The catalogue before any publication: the shipped baseline alone. */
export const SHIPPED_CATALOGUE: readonly PublishedCatalogueDocument[] = Object.freeze([
  Object.freeze({ document: SHIPPED_BASELINE, recordedAt: null, publishedBy: null }),
]);

/** `effectiveFrom` (`YYYY-MM-DD`, 00:00 UTC) in ms since the epoch. */
export function effectiveFromMs(date: string): number {
  const ms = Date.parse(`${date}T00:00:00.000Z`);
  if (Number.isNaN(ms)) throw new Error('invalid effectiveFrom');
  return ms;
}

/** A publication's knowledge time in ms: -Infinity for the shipped baseline (before any event). */
export function recordedMs(p: PublishedCatalogueDocument): number {
  return p.recordedAt === null ? -Infinity : Date.parse(p.recordedAt);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
