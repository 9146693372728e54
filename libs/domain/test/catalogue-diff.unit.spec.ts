import { SHIPPED_BASELINE, diffCatalogues, isEmptyDiff, resolveCatalogueDocument } from '@trm/domain';
import type { CatalogueDocument, ResolvedCatalogue } from '@trm/domain';
import { baseline2, profileBG, publishedWith } from './catalogue-fixtures';

/** The diff of two documents (`GET /v1/catalogue/diff`, CONTRACT.md): added, removed, adoption, deadlines, other changes. */

const PUBLISHED = publishedWith([profileBG(), '2025-03-01T00:00:00Z'], [baseline2(), '2025-09-01T00:00:00Z']);
const resolved = (doc: unknown): ResolvedCatalogue => resolveCatalogueDocument(doc as CatalogueDocument, PUBLISHED)!;
const B1 = resolved(SHIPPED_BASELINE);

describe('catalogue diff', () => {
  it('a document against itself: nothing', () => {
    const d = diffCatalogues(B1, B1);
    expect(d).toEqual({ from: 'trm-baseline-1', to: 'trm-baseline-1', added: [], removed: [], adoption: [], deadlines: [], changed: [] });
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('a revision that re-times a deadline', () => {
    const d = diffCatalogues(B1, resolved(baseline2()));
    expect(d).toEqual({
      from: 'trm-baseline-1', to: 'trm-baseline-2', added: [], removed: [], adoption: [], changed: [],
      deadlines: [{ code: 'SOP2.M1', from: { anchor: 'SOP1.M3', within: 'P1D' }, to: { anchor: 'SOP1.M3', within: 'P2D' } }],
    });
  });

  it('a national profile against its base: not adopted, national deadlines, deadlines removed', () => {
    const d = diffCatalogues(B1, resolved(profileBG()));
    expect(d).toEqual({
      from: 'trm-baseline-1', to: 'trm-BG-1', added: [], removed: [], changed: [],
      adoption: [{ code: 'SOP1.M4', from: true, to: false }],
      deadlines: [
        { code: 'SOP2.M1', from: { anchor: 'SOP1.M3', within: 'P1D' }, to: { anchor: 'SOP1.M3', within: 'P2D' } },
        { code: 'SOP3.M6', from: { anchor: 'SOP2.M8', within: 'P90D' }, to: null },
      ],
    });
    // Reversed: the same changes the other way round.
    const back = diffCatalogues(resolved(profileBG()), B1);
    expect(back.adoption).toEqual([{ code: 'SOP1.M4', from: false, to: true }]);
    expect(back.deadlines.map((x) => [x.code, x.to])).toEqual([['SOP2.M1', { anchor: 'SOP1.M3', within: 'P1D' }], ['SOP3.M6', { anchor: 'SOP2.M8', within: 'P90D' }]]);
  });

  it('a revision that drops, adds and re-scopes measures', () => {
    const b = baseline2();
    b.id = 'trm-baseline-3';
    b.measures = b.measures.filter((m) => m.code !== 'SOP5.C1');
    b.measures.push({ code: 'SOP5.M7', sop: 5, title: 'Asset recovery for compensation', appliesTo: ['entered:SOP5'], actors: ['prosecutor'] });
    const m6 = b.measures.find((m) => m.code === 'SOP2.M6')!;
    m6.appliesTo = ['foreign', 'adult'];
    m6.actors = ['other', 'ngo']; // the same actors in another order: no change
    const m1 = b.measures.find((m) => m.code === 'SOP4.M1')!;
    delete m1.before;
    const d = diffCatalogues(resolved(baseline2()), resolved(b));
    expect(d.added).toEqual([{ code: 'SOP5.M7', sop: 5, title: 'Asset recovery for compensation', appliesTo: ['entered:SOP5'], deadline: null, actors: ['prosecutor'], adopted: true }]);
    expect(d.removed.map((m) => m.code)).toEqual(['SOP5.C1']);
    expect(d.changed).toEqual([
      { code: 'SOP2.M6', field: 'appliesTo', from: ['foreign'], to: ['foreign', 'adult'] },
      { code: 'SOP4.M1', field: 'before', from: 'SOP4.M5', to: null },
    ]);
    expect([d.adoption, d.deadlines]).toEqual([[], []]);
  });
});
