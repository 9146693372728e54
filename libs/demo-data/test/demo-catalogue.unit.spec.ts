// The demo data set's catalogue documents: two national profiles and a second baseline, each valid,
// each published inside the timeline a month before it takes effect, and deterministic.
import {
  CatalogueAsOf, SHIPPED_CATALOGUE, checkCatalogueDocument, diffCatalogues, effectiveFromMs, resolveCatalogueDocument,
} from '@trm/domain';
import type { PublishedCatalogueDocument } from '@trm/domain';
import { demoCatalogue } from '../src';

const END = new Date('2026-06-30T12:00:00.000Z');
const START = new Date(END.getTime() - 730 * 86_400_000);

describe('demo catalogue documents', () => {
  const pubs = demoCatalogue({ end: END });
  const published: PublishedCatalogueDocument[] = [
    ...SHIPPED_CATALOGUE, ...pubs.map((p) => ({ document: p.document, recordedAt: p.publishAt.toISOString(), publishedBy: 'demo' })),
  ];

  it('publishes three national profiles and a second baseline, each passing the publishing checks', () => {
    expect(pubs.map((p) => [p.document.id, p.document.kind])).toEqual([
      ['trm-BG-1', 'national'], ['trm-baseline-2', 'baseline'], ['trm-IT-1', 'national'], ['trm-RO-1', 'national'],
    ]);
    pubs.forEach((p, i) => {
      const r = checkCatalogueDocument(JSON.parse(JSON.stringify(p.document)), { published: published.slice(0, 1 + i), countries: ['*'] });
      expect([p.document.id, r.ok]).toEqual([p.document.id, true]);
    });
  });

  it('publishes each inside the timeline, in order, a month before it takes effect (also inside the timeline)', () => {
    let last = START.getTime();
    for (const p of pubs) {
      const effective = effectiveFromMs(p.document.effectiveFrom);
      expect(p.publishAt.getTime()).toBeGreaterThan(last);
      expect(effective - p.publishAt.getTime()).toBe(30 * 86_400_000 - 10 * 3_600_000);
      expect(effective).toBeLessThan(END.getTime());
      last = p.publishAt.getTime();
    }
  });

  it('makes the feature visible: a measure not adopted, national and null deadlines, a re-timed baseline deadline', () => {
    const asOf = new CatalogueAsOf(published, END.getTime());
    const bg = asOf.resolve('trm-BG-1')!;
    expect(bg.measures.find((m) => m.code === 'SOP2.M7')!.adopted).toBe(false);
    expect(bg.measures.find((m) => m.code === 'SOP1.M6')!.deadline).toEqual({ anchor: 'SOP1.M1', within: 'P30D' });
    const it = asOf.resolve('trm-IT-1')!;
    expect(it.measures.find((m) => m.code === 'SOP4.M8')!.deadline).toBeNull();
    expect(it.measures.find((m) => m.code === 'SOP3.M5')!.adopted).toBe(false);
    const ro = asOf.resolve('trm-RO-1')!;
    expect(ro.measures.find((m) => m.code === 'SOP5.M5')!.adopted).toBe(false);
    expect(ro.measures.find((m) => m.code === 'SOP1.M5')!.deadline).toEqual({ anchor: 'SOP1.M1', within: 'P45D' });
    const diff = diffCatalogues(resolveCatalogueDocument(SHIPPED_CATALOGUE[0].document, published)!, asOf.resolve('trm-baseline-2')!);
    expect(diff.deadlines).toEqual([{ code: 'SOP1.M5', from: { anchor: 'SOP1.M1', within: 'P60D' }, to: { anchor: 'SOP1.M1', within: 'P45D' } }]);
    expect([diff.added, diff.removed, diff.adoption, diff.changed]).toEqual([[], [], [], []]);
    // V(c): a BG case opened after the profile takes effect is governed by it, an older one by the baseline then in effect.
    expect(asOf.governing({ country: 'BG', openedMs: END.getTime() })!.id).toBe('trm-BG-1');
    expect(asOf.governing({ country: 'BG', openedMs: START.getTime() })!.id).toBe('trm-baseline-1');
    expect(asOf.governing({ country: 'DE', openedMs: END.getTime() })!.id).toBe('trm-baseline-2');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(demoCatalogue({ end: END }))).toBe(JSON.stringify(pubs));
    expect(demoCatalogue({ end: new Date(END.getTime() + 86_400_000) })[0].document.effectiveFrom).not.toBe(pubs[0].document.effectiveFrom);
  });
});
