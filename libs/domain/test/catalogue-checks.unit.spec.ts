import { SHIPPED_CATALOGUE, checkCatalogueDocument } from '@trm/domain';
import type { CatalogueCheckContext, CatalogueError, PublishedCatalogueDocument } from '@trm/domain';
import { baseline2, profileBG, publishedWith } from './catalogue-fixtures';

/**
 * The publishing checks of CATALOGUE.md ("Publishing is checked"), one code at a time: a valid
 * document passes, and each broken field is refused with its code at its JSON pointer.
 */

const ADMIN: CatalogueCheckContext = { published: SHIPPED_CATALOGUE, countries: ['*'] };

function errorsOf(doc: unknown, context: CatalogueCheckContext = ADMIN): CatalogueError[] {
  const result = checkCatalogueDocument(doc, context);
  if (result.ok) throw new Error('expected a refusal');
  return result.errors;
}
const codes = (doc: unknown, context?: CatalogueCheckContext) => errorsOf(doc, context).map((e) => `${e.path} ${e.code}`);

describe('catalogue publishing checks — valid documents', () => {
  it('accepts CATALOGUE.md\'s two examples and returns a copy holding only the shape', () => {
    const b = checkCatalogueDocument(baseline2(), ADMIN);
    expect(b.ok).toBe(true);
    expect(b.ok && b.document).toEqual(baseline2());
    const p = checkCatalogueDocument(profileBG(), ADMIN);
    expect(p.ok && p.document).toEqual(profileBG());
  });

  it('accepts a profile of a baseline published later than the shipped one, and an empty profile', () => {
    const published = publishedWith([baseline2(), '2025-06-01T00:00:00Z']);
    expect(checkCatalogueDocument({ ...profileBG(), base: 'trm-baseline-2' }, { published }).ok).toBe(true);
    expect(checkCatalogueDocument({ ...profileBG(), adaptations: {} }, ADMIN).ok).toBe(true);
  });

  it('accepts a national deadline anchored on any measure of the base, and deadline null in a baseline', () => {
    const p = profileBG();
    p.adaptations['SOP1.M5'] = { deadline: { anchor: 'SOP1.M2', within: 'P30D' } };
    expect(checkCatalogueDocument(p, ADMIN).ok).toBe(true);
    const b = baseline2();
    b.measures[0].deadline = null;
    b.measures[1].before = null;
    const r = checkCatalogueDocument(b, ADMIN);
    expect(r.ok && r.document.kind === 'baseline' && [r.document.measures[0].deadline, r.document.measures[1].before]).toEqual([undefined, undefined]);
  });
});

describe('catalogue publishing checks — each code of CATALOGUE.md', () => {
  it('catalogue_version_exists: the id is taken (the shipped baseline included)', () => {
    expect(codes({ ...baseline2(), id: 'trm-baseline-1' })).toEqual(['/id catalogue_version_exists']);
    const published = publishedWith([profileBG(), '2025-01-01T00:00:00Z']);
    expect(codes(profileBG(), { published })).toEqual(['/id catalogue_version_exists']);
  });

  it('unknown_base: the base is no published baseline (nor a profile)', () => {
    expect(codes({ ...profileBG(), base: 'trm-baseline-9' })).toEqual(['/base unknown_base']);
    const published = publishedWith([profileBG(), '2025-01-01T00:00:00Z']);
    expect(codes({ ...profileBG(), id: 'trm-BG-2', base: 'trm-BG-1' }, { published })).toEqual(['/base unknown_base']);
    expect(codes({ ...profileBG(), base: 7 })).toEqual(['/base unknown_base']);
  });

  it('unknown_measure: an adaptation names a code the base lacks', () => {
    const p = profileBG();
    p.adaptations['SOP1.M9'] = { adopted: false };
    expect(codes(p)).toEqual(['/adaptations/SOP1.M9 unknown_measure']);
  });

  it('invalid_duration: within is no P<n>D duration', () => {
    for (const within of ['P2W', 'PT48H', 'P1.5D', '2D', 'P-1D', 'P01D', 'P36501D', 'P99999999999999999999D', 3, null, '']) {
      const p = profileBG();
      p.adaptations['SOP2.M1'] = { deadline: { anchor: 'SOP1.M3', within } };
      expect([within, codes(p)]).toEqual([within, ['/adaptations/SOP2.M1/deadline/within invalid_duration']]);
    }
    const b = baseline2();
    b.measures[0].deadline = { anchor: 'case.opened', within: 'P3M' };
    expect(codes(b)).toEqual(['/measures/0/deadline/within invalid_duration']);
  });

  it('invalid_anchor: neither case.opened nor a measure of the same document', () => {
    const p = profileBG();
    p.adaptations['SOP2.M1'] = { deadline: { anchor: 'SOP9.M1', within: 'P2D' } };
    expect(codes(p)).toEqual(['/adaptations/SOP2.M1/deadline/anchor invalid_anchor']);
    const b = baseline2();
    b.measures[2].deadline = { anchor: 'case.closed', within: 'P1D' };
    b.measures[3].deadline = { anchor: 42, within: 'P1D' };
    expect(codes(b)).toEqual(['/measures/2/deadline/anchor invalid_anchor', '/measures/3/deadline/anchor invalid_anchor']);
    // A code the document dropped is no anchor.
    const dropped = baseline2();
    dropped.measures = dropped.measures.filter((m) => m.code !== 'SOP1.M3');
    expect(codes(dropped).filter((c) => c.endsWith('invalid_anchor')).length).toBeGreaterThan(0);
  });

  it('anchor_cycle: a deadline counting (through others) from itself, in a baseline or through a profile', () => {
    const b = baseline2();
    const i = b.measures.findIndex((m) => m.code === 'SOP1.M1');
    b.measures[i].deadline = { anchor: 'SOP1.M3', within: 'P1D' }; // SOP1.M3 counts from SOP1.M1
    expect(codes(b).sort()).toEqual([`/measures/${i}/deadline/anchor anchor_cycle`, '/measures/2/deadline/anchor anchor_cycle'].sort());
    const self = baseline2();
    self.measures[0].deadline = { anchor: 'SOP1.M1', within: 'P1D' };
    expect(codes(self)).toEqual(['/measures/0/deadline/anchor anchor_cycle']);
    const p = profileBG();
    p.adaptations['SOP1.M1'] = { deadline: { anchor: 'SOP2.M1', within: 'P1D' } }; // SOP2.M1 → SOP1.M3 → SOP1.M1
    expect(codes(p)).toEqual(['/adaptations/SOP1.M1/deadline/anchor anchor_cycle', '/adaptations/SOP2.M1/deadline/anchor anchor_cycle']);
  });

  it('invalid_effective_from: no calendar date YYYY-MM-DD, or out of range', () => {
    for (const effectiveFrom of ['2025-02-30', '2025-13-01', '0000-12-31', '2025-1-1', '2025-01-01T00:00:00Z', '+012025-01-01', 20250101, null, '']) {
      expect([effectiveFrom, codes({ ...profileBG(), effectiveFrom })]).toEqual([effectiveFrom, ['/effectiveFrom invalid_effective_from']]);
    }
    expect(checkCatalogueDocument({ ...profileBG(), effectiveFrom: '2024-02-29' }, ADMIN).ok).toBe(true);
    expect(checkCatalogueDocument({ ...profileBG(), effectiveFrom: '0001-01-01' }, ADMIN).ok).toBe(true);
    expect(checkCatalogueDocument({ ...profileBG(), effectiveFrom: '9999-12-31' }, ADMIN).ok).toBe(true);
  });

  it('forbidden_country: a national profile outside the key\'s countries', () => {
    const rapporteurRO: CatalogueCheckContext = { published: SHIPPED_CATALOGUE, countries: ['RO'] };
    expect(codes(profileBG(), rapporteurRO)).toEqual(['/country forbidden_country']);
    expect(checkCatalogueDocument({ ...profileBG(), country: 'RO' }, rapporteurRO).ok).toBe(true);
    expect(codes({ ...profileBG(), country: 'ZZ' })).toEqual(['/country enum']);
  });

  it('duplicate_measure and invalid_measure_code in a baseline', () => {
    const b = baseline2(); // measures 1, 4, 5, 6 (SOP1.M2, M5, M6, C1) are nobody's anchor nor before
    b.measures[1].code = 'SOP1.M1';
    b.measures[4].code = 'SOP6.M1';
    b.measures[5].code = 'sop1.m6';
    b.measures[6].code = 'SOP2.C9'; // a SOP 1 measure under a SOP 2 code
    expect(codes(b)).toEqual([
      '/measures/1/code duplicate_measure', '/measures/4/code invalid_measure_code',
      '/measures/5/code invalid_measure_code', '/measures/6/code invalid_measure_code',
    ]);
  });

  it('invalid_before: not a measure of the same document, itself, or a sequencing cycle', () => {
    const b = baseline2();
    const i = b.measures.findIndex((m) => m.code === 'SOP4.M1');
    const j = b.measures.findIndex((m) => m.code === 'SOP4.M5');
    b.measures[0].before = 'SOP9.M9';
    b.measures[1].before = 'SOP1.M2'; // itself
    b.measures[j].before = 'SOP4.M1'; // SOP4.M1 before SOP4.M5 before SOP4.M1
    expect(codes(b)).toEqual(['/measures/0/before invalid_before', '/measures/1/before invalid_before',
      `/measures/${i}/before invalid_before`, `/measures/${j}/before invalid_before`]);
  });

  it('an incomplete measure: every field required but deadline and before', () => {
    const b = baseline2();
    for (const f of ['code', 'sop', 'title', 'appliesTo', 'actors']) delete b.measures[5][f];
    delete b.measures[6].deadline;
    delete b.measures[7].before;
    expect(codes(b)).toEqual(['code', 'sop', 'title', 'appliesTo', 'actors'].map((f) => `/measures/5/${f} required`));
  });

  it('a profile cannot add measures or change sop, appliesTo or before', () => {
    const p = profileBG();
    p.adaptations['SOP1.M2'] = { appliesTo: ['child'] };
    p.adaptations['SOP1.M3'] = { sop: 2 };
    p.adaptations['SOP2.M2'] = { before: 'SOP2.M3', adopted: false };
    expect(codes(p)).toEqual([
      '/adaptations/SOP1.M2 additionalProperties', '/adaptations/SOP1.M2 oneOf',
      '/adaptations/SOP1.M3 additionalProperties', '/adaptations/SOP1.M3 oneOf',
      '/adaptations/SOP2.M2 additionalProperties',
    ]);
    const q = profileBG();
    q.adaptations['SOP2.M2'] = { adopted: false, deadline: null };
    q.adaptations['SOP2.M3'] = { adopted: true };
    q.adaptations['SOP2.M4'] = {};
    expect(codes(q)).toEqual(['/adaptations/SOP2.M2 oneOf', '/adaptations/SOP2.M3/adopted const', '/adaptations/SOP2.M4 oneOf']);
    expect(codes({ ...profileBG(), measures: baseline2().measures })).toEqual([' additionalProperties']);
  });

  it('reports every failure of a document at once, and stores nothing: the result holds no document', () => {
    const b = baseline2();
    b.id = 'trm-baseline-1';
    b.effectiveFrom = '2026-02-30';
    b.measures[0].deadline = { anchor: 'case.opened', within: 'P1W' };
    const result = checkCatalogueDocument(b, ADMIN);
    expect(result).toEqual({ ok: false, errors: expect.any(Array) });
    expect(codes(b)).toEqual(['/id catalogue_version_exists', '/effectiveFrom invalid_effective_from', '/measures/0/deadline/within invalid_duration']);
  });

  it('the published list is only read', () => {
    const published: PublishedCatalogueDocument[] = publishedWith([baseline2(), '2025-06-01T00:00:00Z']);
    const before = JSON.stringify(published);
    checkCatalogueDocument(profileBG(), { published });
    checkCatalogueDocument({ ...baseline2(), id: 'trm-baseline-3' }, { published });
    expect(JSON.stringify(published)).toBe(before);
  });
});
