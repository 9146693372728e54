import fc from 'fast-check';
import {
  CatalogueAsOf, SHIPPED_BASELINE, SHIPPED_CATALOGUE, checkCatalogueDocument, diffCatalogues, effectiveFromMs, isEmptyDiff,
  recordedMs, resolveCatalogueDocument,
} from '@trm/domain';
import type {
  Adaptation, BaselineDocument, CatalogueDocument, GovernedCase, NationalProfile, PublishedCatalogueDocument,
} from '@trm/domain';

/**
 * Properties of catalogue documents over random publication histories: random baseline versions
 * (re-timed and removed deadlines) and national profiles (not adopted, national deadlines, `null`
 * deadlines) with random effective dates, published at random times. V(c) as of T is compared
 * with the words of CATALOGUE.md, written out plainly below.
 */

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const COUNTRIES = ['BG', 'RO', 'IT'];
const CODES = SHIPPED_BASELINE.measures.map((m) => m.code);
// Often one of a few dates, so that ties on effectiveFrom (to the later publication) occur.
const dateArb = fc.oneof(
  fc.constantFrom('2024-01-01', '2025-01-01', '2026-01-01'),
  fc.integer({ min: -400, max: 5 * 365 }).map((d) => new Date(START + d * DAY).toISOString().slice(0, 10)),
);

/** A national deadline keeps the base's anchor (or counts from the opening): never a cycle. */
const adaptationArb = (code: string): fc.Arbitrary<Adaptation> => {
  const anchor = SHIPPED_BASELINE.measures.find((m) => m.code === code)!.deadline?.anchor ?? 'case.opened';
  return fc.oneof(
    fc.constant<Adaptation>({ adopted: false }),
    fc.constant<Adaptation>({ deadline: null }),
    fc.integer({ min: 0, max: 120 }).map((n): Adaptation => ({ deadline: { anchor, within: `P${n}D` } })),
  );
};
const adaptationsArb: fc.Arbitrary<Record<string, Adaptation>> = fc.subarray(CODES, { maxLength: 8 }).chain((codes) =>
  fc.tuple(...codes.map(adaptationArb)).map((as) => Object.fromEntries(codes.map((c, i) => [c, as[i]]))));
/** A baseline revision: some deadlines re-timed or removed (anchors kept: no cycle). */
const retimingsArb = fc.array(fc.tuple(fc.constantFrom(...CODES), fc.option(fc.integer({ min: 0, max: 120 }))), { maxLength: 6 });

interface Step { kind: 'baseline' | 'national'; country: string; baseIndex: number; effectiveFrom: string; adaptations: Record<string, Adaptation>; retimings: [string, number | null][]; gapMs: number }
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<'baseline' | 'national'>('baseline', 'national', 'national'),
  country: fc.constantFrom(...COUNTRIES),
  baseIndex: fc.nat(),
  effectiveFrom: dateArb,
  adaptations: adaptationsArb,
  retimings: retimingsArb,
  // 0 allowed: two publications in the same millisecond are ordered by the stream.
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 * DAY })),
});

/** The shipped catalogue followed by the publications of `steps`, in order. */
function publish(steps: Step[]): PublishedCatalogueDocument[] {
  const published: PublishedCatalogueDocument[] = [...SHIPPED_CATALOGUE];
  let t = START;
  steps.forEach((s, i) => {
    t += s.gapMs;
    const baselines = published.filter((p) => p.document.kind === 'baseline').map((p) => p.document as BaselineDocument);
    let document: CatalogueDocument;
    if (s.kind === 'baseline') {
      const retimed = new Map(s.retimings);
      document = {
        id: `trm-baseline-${i + 2}`, kind: 'baseline', effectiveFrom: s.effectiveFrom,
        measures: SHIPPED_BASELINE.measures.map((m) => {
          if (!retimed.has(m.code) || !m.deadline) return { ...m };
          const n = retimed.get(m.code);
          const { deadline, ...rest } = m;
          return n === null ? rest : { ...rest, deadline: { anchor: deadline.anchor, within: `P${n}D` } };
        }),
      };
    } else {
      document = {
        id: `trm-${s.country}-${i + 1}`, kind: 'national', country: s.country, base: baselines[s.baseIndex % baselines.length].id,
        effectiveFrom: s.effectiveFrom, adaptations: s.adaptations,
      };
    }
    published.push({ document, recordedAt: new Date(t).toISOString(), publishedBy: 'admin' });
  });
  return published;
}

const historyArb = fc.array(stepArb, { maxLength: 8 }).map(publish);
const caseArb: fc.Arbitrary<GovernedCase> = fc.record({
  country: fc.constantFrom(...COUNTRIES, 'HR'),
  openedMs: fc.integer({ min: START - 500 * DAY, max: START + 6 * 365 * DAY }),
});
const asOfArb = fc.integer({ min: START - DAY, max: START + 8 * 200 * DAY });

/** CATALOGUE.md's V(c), word for word: no index, no cache. */
function specV(published: readonly PublishedCatalogueDocument[], c: GovernedCase, T: number): string | undefined {
  const known = published.map((p, order) => ({ doc: p.document, order })).filter((_, i) => recordedMs(published[i]) <= T);
  const greatest = (candidates: typeof known) => candidates
    .filter((x) => effectiveFromMs(x.doc.effectiveFrom) <= c.openedMs)
    .sort((a, b) => effectiveFromMs(b.doc.effectiveFrom) - effectiveFromMs(a.doc.effectiveFrom) || b.order - a.order)[0]?.doc.id;
  return greatest(known.filter((x) => x.doc.kind === 'national' && x.doc.country === c.country))
    ?? greatest(known.filter((x) => x.doc.kind === 'baseline'));
}

describe('catalogue documents — properties', () => {
  it('every generated publication passes the publishing checks, which return it unchanged', () => {
    fc.assert(fc.property(historyArb, (published) => {
      for (let i = SHIPPED_CATALOGUE.length; i < published.length; i++) {
        const r = checkCatalogueDocument(published[i].document, { published: published.slice(0, i) });
        expect(r).toEqual({ ok: true, document: published[i].document });
        // Published once: the same document again is refused.
        expect(checkCatalogueDocument(published[i].document, { published: published.slice(0, i + 1) }).ok).toBe(false);
      }
    }), { numRuns: 100 });
  });

  it('V(c) as of T is CATALOGUE.md\'s definition', () => {
    fc.assert(fc.property(historyArb, fc.array(caseArb, { minLength: 1, maxLength: 10 }), asOfArb, (published, cases, T) => {
      const asOf = new CatalogueAsOf(published, T);
      for (const c of cases) {
        expect(asOf.governing(c)?.id).toBe(specV(published, c, T));
        expect(asOf.rulesFor(c)?.id).toBe(specV(published, c, T));
      }
    }), { numRuns: 300 });
  });

  it('documents recorded after T never matter: the answer as of T is the answer of the documents known at T', () => {
    fc.assert(fc.property(historyArb, historyArb, caseArb, asOfArb, (published, more, c, T) => {
      const known = published.filter((p) => recordedMs(p) <= T);
      // More publications after T (their ids kept apart from the first history's).
      const later = more.slice(SHIPPED_CATALOGUE.length).map((p) => ({
        ...p, recordedAt: new Date(Math.max(T, recordedMs(published[published.length - 1])) + 1 + recordedMs(p) - START).toISOString(),
        document: { ...p.document, id: `later-${p.document.id}` } as CatalogueDocument,
      }));
      const expected = new CatalogueAsOf(known, Number.MAX_SAFE_INTEGER).rulesFor(c);
      expect(new CatalogueAsOf(published, T).rulesFor(c)).toEqual(expected);
      expect(new CatalogueAsOf([...published, ...later], T).rulesFor(c)).toEqual(expected);
    }), { numRuns: 200 });
  });

  it('a profile without adaptations resolves to its base\'s rules; the diff between them is empty', () => {
    fc.assert(fc.property(historyArb, fc.constantFrom(...COUNTRIES), dateArb, (published, country, effectiveFrom) => {
      for (const base of published.filter((p) => p.document.kind === 'baseline')) {
        const empty: NationalProfile = { id: 'trm-empty-1', kind: 'national', country, base: base.document.id, effectiveFrom, adaptations: {} };
        const r = resolveCatalogueDocument(empty, published)!;
        const b = resolveCatalogueDocument(base.document, published)!;
        expect(r.measures).toEqual(b.measures);
        expect(isEmptyDiff(diffCatalogues(b, r))).toBe(true);
      }
    }), { numRuns: 100 });
  });

  it('diff(a, a) is empty; diff(base, profile) lists exactly the profile\'s effective adaptations', () => {
    fc.assert(fc.property(historyArb, (published) => {
      for (const p of published) {
        const r = resolveCatalogueDocument(p.document, published)!;
        expect(isEmptyDiff(diffCatalogues(r, r))).toBe(true);
        if (p.document.kind !== 'national') continue;
        const profile = p.document;
        const base = resolveCatalogueDocument(published.find((q) => q.document.id === profile.base)!.document, published)!;
        const d = diffCatalogues(base, r);
        const entries = Object.entries(profile.adaptations);
        expect([d.added, d.removed, d.changed]).toEqual([[], [], []]);
        expect(d.adoption.map((x) => x.code).sort()).toEqual(entries.filter(([, a]) => 'adopted' in a).map(([code]) => code).sort());
        const baseDeadline = (code: string) => base.measures.find((m) => m.code === code)!.deadline;
        expect(d.deadlines.map((x) => x.code).sort()).toEqual(entries
          .filter(([code, a]) => 'deadline' in a && JSON.stringify(a.deadline) !== JSON.stringify(baseDeadline(code)))
          .map(([code]) => code).sort());
      }
    }), { numRuns: 100 });
  });
});
