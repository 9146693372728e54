import { decide, foldCaseState, measureCatalogue, SHIPPED_BASELINE, SHIPPED_CATALOGUE } from '@trm/domain';
import type { BaselineDocument, NationalProfile, PublishedCatalogueDocument } from '@trm/domain';
import { stored, valid } from './fixtures';

const codes = (errors: { code: string }[]) => errors.map((e) => e.code);
const adultCase = (country = 'BG') => {
  const opened = valid.caseOpened();
  return foldCaseState('c1', [stored({ ...opened, country, profile: { ...opened.profile, ageBand: '25-34' } })]);
};
const measure = (code: string, fields: Record<string, unknown> = {}) => stored(valid.measureRecorded(), { measure: code, ...fields });

/** trm-baseline-2: SOP1.C1 for every case, a new SOP1.M7, SOP1.M6 dropped. */
const baseline2 = (effectiveFrom: string): BaselineDocument => ({
  id: 'trm-baseline-2', kind: 'baseline', effectiveFrom,
  measures: [
    ...SHIPPED_BASELINE.measures.filter((m) => m.code !== 'SOP1.M6').map((m) => (m.code === 'SOP1.C1' ? { ...m, appliesTo: ['all' as const] } : m)),
    { code: 'SOP1.M7', sop: 1, title: 'Rights in writing', appliesTo: ['all'], actors: ['ngo'] },
  ],
});
const bgProfile: NationalProfile = { id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2000-01-01', adaptations: { 'SOP1.C1': { adopted: false } } };
const P1 = Date.parse('2026-01-10T00:00:00Z');
const P2 = Date.parse('2026-02-10T00:00:00Z');
const published = (b2From = '2000-01-01'): PublishedCatalogueDocument[] => [
  ...SHIPPED_CATALOGUE,
  { document: baseline2(b2From), recordedAt: new Date(P1).toISOString(), publishedBy: 'admin' },
  { document: bgProfile, recordedAt: new Date(P2).toISOString(), publishedBy: 'rapporteur-bg' },
];

describe('case rules under the published catalogue (V(c) as of receipt)', () => {
  it('without documents: trm-baseline-1 alone (the default)', () => {
    expect(codes(decide(adultCase(), measure('SOP1.M7')))).toEqual(['unknown_measure']);
    expect(codes(decide(adultCase(), measure('SOP1.C1')))).toEqual(['not_applicable_to_case']);
    expect(codes(decide(adultCase(), measure('SOP1.C1'), measureCatalogue(SHIPPED_CATALOGUE, P2)))).toEqual(['not_applicable_to_case']);
  });

  it('a code is valid if some baseline known at receipt has it; a document published later does not count yet', () => {
    expect(codes(decide(adultCase(), measure('SOP1.M7'), measureCatalogue(published(), P1 - 1)))).toEqual(['unknown_measure']);
    expect(decide(adultCase(), measure('SOP1.M7'), measureCatalogue(published(), P1))).toEqual([]);
    // SOP1.M6 is only in trm-baseline-1, which stays published: still a valid code.
    expect(decide(adultCase('IT'), measure('SOP1.M6'), measureCatalogue(published(), P2))).toEqual([]);
    expect(codes(decide(adultCase(), measure('SOP1.M99'), measureCatalogue(published(), P2)))).toEqual(['unknown_measure']);
  });

  it('the child-only check follows the document governing the case, as of receipt', () => {
    // Before trm-baseline-2: SOP1.C1 is child-only.
    expect(codes(decide(adultCase('IT'), measure('SOP1.C1'), measureCatalogue(published(), P1 - 1)))).toEqual(['not_applicable_to_case']);
    // After: trm-baseline-2 governs IT (no profile): SOP1.C1 is for every case.
    expect(decide(adultCase('IT'), measure('SOP1.C1'), measureCatalogue(published(), P1))).toEqual([]);
    // BG: trm-baseline-2 until its profile is published, then the profile on trm-baseline-1 (child-only again).
    expect(decide(adultCase('BG'), measure('SOP1.C1'), measureCatalogue(published(), P2 - 1))).toEqual([]);
    expect(codes(decide(adultCase('BG'), measure('SOP1.C1'), measureCatalogue(published(), P2)))).toEqual(['not_applicable_to_case']);
  });

  it('a baseline effective after the case was opened does not govern it', () => {
    // valid.caseOpened() is opened in 2024: a trm-baseline-2 effective from 2030 leaves it under trm-baseline-1.
    expect(codes(decide(adultCase('IT'), measure('SOP1.C1'), measureCatalogue(published('2030-01-01'), P1)))).toEqual(['not_applicable_to_case']);
    // Its new code is still a valid code (some published baseline has it).
    expect(decide(adultCase('IT'), measure('SOP1.M7'), measureCatalogue(published('2030-01-01'), P1))).toEqual([]);
  });

  it('catalogueVersion must name a document known at receipt, and decides nothing', () => {
    expect(decide(adultCase('IT'), measure('SOP1.C1', { catalogueVersion: 'trm-baseline-1' }), measureCatalogue(published(), P1))).toEqual([]);
    expect(codes(decide(adultCase(), measure('SOP1.M1', { catalogueVersion: 'trm-BG-1' }), measureCatalogue(published(), P1)))).toEqual(['unknown_catalogue_version']);
    expect(decide(adultCase(), measure('SOP1.M1', { catalogueVersion: 'trm-BG-1' }), measureCatalogue(published(), P2))).toEqual([]);
  });
});
