// The history generator's catalogue documents: valid publications, at their place between the
// batches, covering what the property test needs; as-of times between two publications.
import fc from 'fast-check';
import { SHIPPED_BASELINE, checkCatalogueDocument } from '@trm/domain';
import type { BaselineDocument, NationalProfile, PublishedCatalogueDocument } from '@trm/domain';
import { arbitraryHistory, pickAsOfTimes, toReferenceDocuments, toReferenceEvents } from '../src/generators';
import type { History } from '../src/generators';
import { REFERENCE_INDICATOR_IDS, query, referenceCatalogueVersions, referenceIndicator } from '../src/reference';

const DAY = 86_400_000;
const START = Date.parse('2023-11-01T00:00:00.000Z');
const SPAN_DAYS = 450;
const histories: History[] = fc.sample(arbitraryHistory({ catalogue: true }), { numRuns: 80, seed: 20_261_207 });
const at = (iso: string) => Date.parse(iso);

describe('history generator: catalogue documents', () => {
  it('every publication passes the publishing checks against those before it, unchanged', () => {
    for (const h of histories) {
      const published: PublishedCatalogueDocument[] = [{ document: SHIPPED_BASELINE, recordedAt: null, publishedBy: null }];
      for (const p of h.publications) {
        expect(checkCatalogueDocument(p.document, { published })).toEqual({ ok: true, document: p.document });
        published.push({ document: p.document, recordedAt: p.recordedAt, publishedBy: 'test' });
      }
    }
  });

  it('publications are in time order, each between the batch it follows and the next one', () => {
    for (const h of histories) {
      const times = h.batches.map((b) => at(b.recordedAt));
      h.publications.forEach((p, i) => {
        const t = at(p.recordedAt);
        if (i > 0) expect(t).toBeGreaterThanOrEqual(at(h.publications[i - 1].recordedAt));
        expect(p.afterBatch).toBeGreaterThanOrEqual(-1);
        expect(p.afterBatch).toBeLessThan(times.length);
        if (p.afterBatch >= 0) expect(t).toBeGreaterThanOrEqual(times[p.afterBatch]);
        if (p.afterBatch + 1 < times.length) expect(t).toBeLessThan(times[p.afterBatch + 1]);
      });
    }
  });

  it('covers 0–1 further baselines and 0–3 national profiles, with every kind of adaptation', () => {
    const counts = histories.map((h) => ({
      baselines: h.publications.filter((p) => p.document.kind === 'baseline').length,
      profiles: h.publications.filter((p) => p.document.kind === 'national').length,
    }));
    for (const c of counts) {
      expect(c.baselines).toBeLessThanOrEqual(1);
      expect(c.profiles).toBeLessThanOrEqual(3);
    }
    expect(counts.some((c) => c.baselines === 1)).toBe(true);
    expect(counts.some((c) => c.profiles >= 2)).toBe(true);
    expect(counts.some((c) => c.baselines === 0 && c.profiles === 0)).toBe(true);

    const docs = histories.flatMap((h) => h.publications.map((p) => p.document));
    const profiles = docs.filter((d): d is NationalProfile => d.kind === 'national');
    const adaptations = profiles.flatMap((p) => Object.values(p.adaptations));
    expect(adaptations.some((a) => 'adopted' in a)).toBe(true);
    expect(adaptations.some((a) => 'deadline' in a && a.deadline === null)).toBe(true);
    expect(adaptations.some((a) => 'deadline' in a && a.deadline !== null && a.deadline.anchor !== 'case.opened')).toBe(true);
    expect(adaptations.some((a) => 'deadline' in a && a.deadline !== null && a.deadline.anchor === 'case.opened')).toBe(true);
    // Profiles on the further baseline too.
    expect(profiles.some((p) => p.base !== 'trm-baseline-1')).toBe(true);

    const baselines = docs.filter((d): d is BaselineDocument => d.kind === 'baseline');
    const shipped = new Map(SHIPPED_BASELINE.measures.map((m) => [m.code, m]));
    // A dropped measure, a re-timed deadline, a removed deadline.
    expect(baselines.some((b) => b.measures.length < shipped.size)).toBe(true);
    expect(baselines.some((b) => b.measures.some((m) => m.deadline && shipped.get(m.code)?.deadline?.within !== m.deadline.within))).toBe(true);
    expect(baselines.some((b) => b.measures.some((m) => !m.deadline && shipped.get(m.code)?.deadline))).toBe(true);
  });

  it('effective dates fall mostly inside the history (cases before and after them), some before it', () => {
    const froms = histories.flatMap((h) => h.publications.map((p) => at(`${p.document.effectiveFrom}T00:00:00.000Z`)));
    const inside = froms.filter((t) => t >= START && t <= START + SPAN_DAYS * DAY).length;
    expect(inside / froms.length).toBeGreaterThan(0.6);
    expect(froms.some((t) => t < START)).toBe(true);
    // Some case opens before, and some after, a profile's effectiveFrom in the same history.
    const split = histories.some((h) => h.publications.some((p) => {
      const from = at(`${p.document.effectiveFrom}T00:00:00.000Z`);
      const opened = h.batches.flatMap((b) => b.events).filter((e) => e.type === 'case.opened').map((e) => at(e.occurredAt));
      return opened.some((t) => t < from) && opened.some((t) => t >= from);
    }));
    expect(split).toBe(true);
  });

  it('as-of times include one between two publications (or just before the only one)', () => {
    let between = 0;
    for (const h of histories) {
      const pubs = [...new Set(h.publications.map((p) => at(p.recordedAt)))].sort((a, b) => a - b);
      const times = pickAsOfTimes(h, 3).map((d) => d.getTime());
      if (pubs.length === 0) continue;
      expect(times.some((t) => t < pubs[0])).toBe(true);
      expect(times.some((t) => t >= pubs[pubs.length - 1])).toBe(true);
      if (pubs.length >= 2) {
        expect(times.some((t) => t >= pubs[pubs.length - 2] && t < pubs[pubs.length - 1])).toBe(true);
        between += 1;
      }
    }
    expect(between).toBeGreaterThan(0);
  });

  it('the reference reads the shipped baseline first, then each publication', () => {
    const h = histories.find((x) => x.publications.length > 0) as History;
    const docs = toReferenceDocuments(h);
    expect(docs[0]).toEqual({ document: SHIPPED_BASELINE, recordedAt: null });
    expect(docs.slice(1)).toEqual(h.publications.map((p) => ({ document: p.document, recordedAt: p.recordedAt })));
  });

  it('the reference runs every indicator on them; the documents change some figures and name the governing documents', () => {
    let changed = 0;
    const governing = new Set<string>();
    for (const h of histories.filter((x) => x.publications.length > 0).slice(0, 12)) {
      const events = toReferenceEvents(h);
      const documents = toReferenceDocuments(h);
      const asOf = pickAsOfTimes(h, 3)[2].toISOString();
      for (const v of referenceCatalogueVersions(events, query({ asOf }), documents)) governing.add(v);
      for (const id of REFERENCE_INDICATOR_IDS) {
        const q = query({ asOf, groupBy: ['country'] });
        const under = referenceIndicator(events, id, q, documents);
        const baselineOnly = referenceIndicator(events, id, q);
        if (JSON.stringify(under) !== JSON.stringify(baselineOnly)) {
          changed += 1;
          // Only the catalogue-dependent indicators can change.
          expect(id).toMatch(/^measure\./);
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect([...governing].some((v) => v !== 'trm-baseline-1')).toBe(true);
  });

  it('catalogue documents are off by default: no publications, the same histories as with catalogue: false', () => {
    const plain = fc.sample(arbitraryHistory(), { numRuns: 5, seed: 7 });
    const off = fc.sample(arbitraryHistory({ catalogue: false }), { numRuns: 5, seed: 7 });
    expect(off).toEqual(plain);
    for (const h of plain) expect(h.publications).toEqual([]);
  });
});
