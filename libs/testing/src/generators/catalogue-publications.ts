// Random catalogue documents published during a history (CATALOGUE.md "Versions and national
// profiles"): 0–1 further baseline version (re-timed and removed deadlines, a dropped measure) and
// 0–3 national profiles of the history's countries (not adopted, national deadlines, `null`
// deadlines), with effective dates inside the history and publication times between its batches.
import fc from 'fast-check';
import { SHIPPED_BASELINE, checkCatalogueDocument } from '@trm/domain';
import type {
  Adaptation, BaselineDocument, CatalogueDocument, CatalogueMeasure, PublishedCatalogueDocument,
} from '@trm/domain';
import { DAY_MS } from './history-plan';

/** One document published during a history: appended after batch `afterBatch` (-1: before the first). */
export interface HistoryPublication {
  recordedAt: string;
  afterBatch: number;
  document: CatalogueDocument;
}

/** When a document is published: `slot` picks the gap between batches, `frac` the point in it (‰). */
export interface PublishAtPlan {
  slot: number;
  frac: number;
}

export interface BaselinePlan {
  at: PublishAtPlan;
  /** effectiveFrom, in days after the history's start (negative: before it). */
  effectiveDays: number;
  /** Deadlines re-timed (`days`) or removed (`null`), anchors kept. */
  retimings: { code: number; days: number | null }[];
  /** A measure dropped (one no other measure names as anchor or `before`). */
  drop?: number;
}

export interface AdaptationPlan {
  code: number;
  kind: 'not_adopted' | 'deadline' | 'no_deadline';
  /** A national deadline: `within` in days, anchored as in the base or at the opening. */
  days: number;
  fromOpening: boolean;
}

export interface ProfilePlan {
  at: PublishAtPlan;
  country: number;
  base: number;
  effectiveDays: number;
  adaptations: AdaptationPlan[];
}

export interface CataloguePlan {
  baseline?: BaselinePlan;
  profiles: ProfilePlan[];
}

const at: fc.Arbitrary<PublishAtPlan> = fc.record({ slot: fc.nat(), frac: fc.integer({ min: 0, max: 999 }) });

/** Inside the history mostly, sometimes one of two fixed days (ties on effectiveFrom), rarely before it. */
const effectiveDays = (spanDays: number): fc.Arbitrary<number> => fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: spanDays }), weight: 4 },
  { arbitrary: fc.constantFrom(61, 182), weight: 2 },
  { arbitrary: fc.integer({ min: -60, max: -1 }), weight: 1 },
);

const within = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 6, max: 120 }));

export function cataloguePlan(spanDays: number): fc.Arbitrary<CataloguePlan> {
  const baseline: fc.Arbitrary<BaselinePlan> = fc.record(
    {
      at,
      effectiveDays: effectiveDays(spanDays),
      retimings: fc.array(fc.record({ code: fc.nat(), days: fc.option(within, { freq: 3 }) }), { minLength: 1, maxLength: 6 }),
      drop: fc.nat(),
    },
    { requiredKeys: ['at', 'effectiveDays', 'retimings'] },
  );
  const adaptation: fc.Arbitrary<AdaptationPlan> = fc.record({
    code: fc.nat(),
    kind: fc.constantFrom<AdaptationPlan['kind'][]>('not_adopted', 'deadline', 'no_deadline'),
    days: within,
    fromOpening: fc.boolean(),
  });
  const profile: fc.Arbitrary<ProfilePlan> = fc.record({
    at,
    country: fc.nat(),
    base: fc.nat(),
    effectiveDays: effectiveDays(spanDays),
    adaptations: fc.array(adaptation, { minLength: 1, maxLength: 10 }),
  });
  return fc.record(
    { baseline, profiles: fc.array(profile, { maxLength: 3 }) },
    { requiredKeys: ['profiles'] },
  );
}

/** The publication instant: before the first batch, between two (≥ the earlier, < the later), or after the last. */
function publishTime(p: PublishAtPlan, times: number[]): { t: number; afterBatch: number } {
  const afterBatch = (p.slot % (times.length + 1)) - 1;
  const frac = p.frac / 1000;
  if (afterBatch < 0) return { t: times[0] - 1 - Math.floor(frac * 12 * 3_600_000), afterBatch };
  if (afterBatch === times.length - 1) return { t: times[afterBatch] + Math.floor(frac * 30 * DAY_MS), afterBatch };
  const gap = times[afterBatch + 1] - times[afterBatch];
  return { t: times[afterBatch] + Math.min(Math.floor(frac * gap), Math.max(0, gap - 1)), afterBatch };
}

const isoDate = (start: number, days: number): string => new Date(start + days * DAY_MS).toISOString().slice(0, 10);

/** Codes no other measure of the document names (as deadline anchor or `before`): droppable. */
function droppable(measures: CatalogueMeasure[]): string[] {
  const named = new Set<string>();
  for (const m of measures) {
    if (m.deadline && m.deadline.anchor !== 'case.opened') named.add(m.deadline.anchor);
    if (m.before) named.add(m.before);
  }
  return measures.map((m) => m.code).filter((c) => !named.has(c));
}

function baselineDocument(plan: BaselinePlan, id: string, start: number): CatalogueDocument {
  const base = SHIPPED_BASELINE.measures;
  const retimed = new Map<string, number | null>();
  for (const r of plan.retimings) {
    const withDeadline = base.filter((m) => m.deadline);
    retimed.set(withDeadline[r.code % withDeadline.length].code, r.days);
  }
  const candidates = droppable(base as CatalogueMeasure[]);
  const dropped = plan.drop === undefined ? undefined : candidates[plan.drop % candidates.length];
  const measures: CatalogueMeasure[] = [];
  for (const m of base) {
    if (m.code === dropped) continue;
    const copy: CatalogueMeasure = { ...m, appliesTo: [...m.appliesTo], actors: [...m.actors] };
    if (m.deadline) copy.deadline = { ...m.deadline };
    const days = retimed.get(m.code);
    if (days === null) delete copy.deadline;
    else if (days !== undefined && copy.deadline) copy.deadline.within = `P${days}D`;
    measures.push(copy);
  }
  const doc: BaselineDocument = { id, kind: 'baseline', effectiveFrom: isoDate(start, plan.effectiveDays), measures };
  return doc;
}

function profileDocument(plan: ProfilePlan, id: string, country: string, base: BaselineDocument, start: number): CatalogueDocument {
  const adaptations: Record<string, Adaptation> = {};
  for (const a of plan.adaptations) {
    const m = base.measures[a.code % base.measures.length];
    if (a.kind === 'not_adopted') adaptations[m.code] = { adopted: false };
    else if (a.kind === 'no_deadline') adaptations[m.code] = { deadline: null };
    else {
      const anchor = a.fromOpening || !m.deadline ? 'case.opened' : m.deadline.anchor;
      adaptations[m.code] = { deadline: { anchor, within: `P${a.days}D` } };
    }
  }
  return { id, kind: 'national', country, base: base.id, effectiveFrom: isoDate(start, plan.effectiveDays), adaptations };
}

/**
 * The plan's documents, in publication order, each checked by the publishing checks against the
 * documents before it (a generated document that fails them is a generator bug: it throws).
 */
export function buildPublications(
  plan: CataloguePlan,
  batches: readonly { recordedAt: string }[],
  settings: { start: number; countries: string[] },
): HistoryPublication[] {
  if (batches.length === 0) return [];
  const times = batches.map((b) => Date.parse(b.recordedAt));
  const steps = [
    ...(plan.baseline ? [{ kind: 'baseline' as const, plan: plan.baseline, ...publishTime(plan.baseline.at, times) }] : []),
    ...plan.profiles.map((p) => ({ kind: 'national' as const, plan: p, ...publishTime(p.at, times) })),
  ].sort((a, b) => a.t - b.t); // stable: equal times keep the order above

  const published: PublishedCatalogueDocument[] = [{ document: SHIPPED_BASELINE, recordedAt: null, publishedBy: null }];
  const out: HistoryPublication[] = [];
  const perCountry = new Map<string, number>();
  let baselines = 1;
  for (const step of steps) {
    let doc: CatalogueDocument;
    if (step.kind === 'baseline') {
      baselines += 1;
      doc = baselineDocument(step.plan, `trm-baseline-${baselines}`, settings.start);
    } else {
      const country = settings.countries[step.plan.country % settings.countries.length];
      const n = (perCountry.get(country) ?? 0) + 1;
      perCountry.set(country, n);
      const bases = published.map((p) => p.document).filter((d): d is BaselineDocument => d.kind === 'baseline');
      doc = profileDocument(step.plan, `trm-${country}-${n}`, country, bases[step.plan.base % bases.length], settings.start);
    }
    const checked = checkCatalogueDocument(doc, { published });
    if (!checked.ok) throw new Error(`generated catalogue document ${doc.id} fails the publishing checks: ${JSON.stringify(checked.errors)}`);
    const recordedAt = new Date(step.t).toISOString();
    published.push({ document: checked.document, recordedAt, publishedBy: 'property-test' });
    out.push({ recordedAt, afterBatch: step.afterBatch, document: checked.document });
  }
  return out;
}
