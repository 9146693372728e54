import {
  CatalogueAsOf, SHIPPED_BASELINE, SHIPPED_CATALOGUE, applies, effectiveFromMs, getCatalogue, governingDocument,
  resolveCatalogueDocument, toCatalogue,
} from '@trm/domain';
import type { CatalogueDocument, GovernedCase, ResolvedCatalogue } from '@trm/domain';
import { baseline2, profileBG, publishedWith } from './catalogue-fixtures';

/**
 * V(c) as of T (CATALOGUE.md "Versions and national profiles"): the national profile of the case's
 * country with the greatest effectiveFrom ≤ openedAt among the documents published by T, else the
 * baseline likewise; ties to the later publication. And a document resolved: a profile applied to its base.
 */

const ms = (iso: string) => Date.parse(iso);
const bg = (openedAt: string): GovernedCase => ({ country: 'BG', openedMs: ms(openedAt) });
const ro = (openedAt: string): GovernedCase => ({ country: 'RO', openedMs: ms(openedAt) });
const idOf = (doc: CatalogueDocument | undefined) => doc?.id;
const measure = (r: ResolvedCatalogue | undefined, code: string) => r?.measures.find((m) => m.code === code);

// trm-BG-1 (effective 2025-01-01) published on 2025-03-01; trm-baseline-2 (effective 2026-01-01) on 2025-09-01.
const PUBLISHED = publishedWith([profileBG(), '2025-03-01T12:00:00.000Z'], [baseline2(), '2025-09-01T00:00:00.000Z']);

describe('V(c): the document governing a case as of T', () => {
  it('before any publication, trm-baseline-1 governs every case, whenever opened', () => {
    for (const c of [bg('2025-02-01T00:00:00Z'), ro('1990-01-01T00:00:00Z'), { country: 'XK', openedMs: ms('0001-01-01T00:00:00Z') }]) {
      expect(idOf(governingDocument(SHIPPED_CATALOGUE, c, ms('2030-01-01T00:00:00Z')))).toBe('trm-baseline-1');
    }
  });

  it('a profile governs its country\'s cases opened from its effectiveFrom, from its publication on', () => {
    const c = bg('2025-02-01T10:00:00Z');
    expect(idOf(governingDocument(PUBLISHED, c, ms('2025-03-01T11:59:59.999Z')))).toBe('trm-baseline-1');
    expect(idOf(governingDocument(PUBLISHED, c, ms('2025-03-01T12:00:00.000Z')))).toBe('trm-BG-1'); // recordedAt ≤ T
    expect(idOf(governingDocument(PUBLISHED, ro('2025-02-01T10:00:00Z'), ms('2030-01-01T00:00:00Z')))).toBe('trm-baseline-1');
    // effectiveFrom is 00:00 UTC of its day.
    expect(idOf(governingDocument(PUBLISHED, bg('2024-12-31T23:59:59.999Z'), ms('2030-01-01T00:00:00Z')))).toBe('trm-baseline-1');
    expect(idOf(governingDocument(PUBLISHED, bg('2025-01-01T00:00:00.000Z'), ms('2030-01-01T00:00:00Z')))).toBe('trm-BG-1');
  });

  it('a later baseline governs the cases of countries without a profile opened from its effectiveFrom', () => {
    const T = ms('2030-01-01T00:00:00Z');
    expect(idOf(governingDocument(PUBLISHED, ro('2026-01-01T00:00:00Z'), T))).toBe('trm-baseline-2');
    expect(idOf(governingDocument(PUBLISHED, ro('2025-12-31T23:59:59Z'), T))).toBe('trm-baseline-1');
    expect(idOf(governingDocument(PUBLISHED, ro('2026-06-01T00:00:00Z'), ms('2025-08-31T00:00:00Z')))).toBe('trm-baseline-1');
    // A national profile in effect wins over a later baseline: BG stays on its profile (of trm-baseline-1).
    expect(idOf(governingDocument(PUBLISHED, bg('2026-06-01T00:00:00Z'), T))).toBe('trm-BG-1');
  });

  it('a country\'s later profile takes over from its effectiveFrom; ties on effectiveFrom go to the later publication', () => {
    const bg2 = { ...profileBG(), id: 'trm-BG-2', base: 'trm-baseline-2', effectiveFrom: '2026-01-01', adaptations: {} };
    const bg3 = { ...profileBG(), id: 'trm-BG-3', effectiveFrom: '2026-01-01', adaptations: { 'SOP1.M1': { adopted: false } } };
    const published = [...PUBLISHED, ...publishedWith([bg2, '2025-10-01T00:00:00Z'], [bg3, '2025-11-01T00:00:00Z']).slice(1)];
    const c = bg('2026-03-01T00:00:00Z');
    expect(idOf(governingDocument(published, c, ms('2025-10-15T00:00:00Z')))).toBe('trm-BG-2');
    expect(idOf(governingDocument(published, c, ms('2025-11-01T00:00:00Z')))).toBe('trm-BG-3');
    expect(idOf(governingDocument(published, bg('2025-06-01T00:00:00Z'), ms('2030-01-01T00:00:00Z')))).toBe('trm-BG-1');
    // The same tie between two baselines.
    const b3 = { ...baseline2(), id: 'trm-baseline-3' };
    const both = [...PUBLISHED, ...publishedWith([b3, '2025-09-02T00:00:00Z']).slice(1)];
    expect(idOf(governingDocument(both, ro('2026-02-01T00:00:00Z'), ms('2025-09-01T12:00:00Z')))).toBe('trm-baseline-2');
    expect(idOf(governingDocument(both, ro('2026-02-01T00:00:00Z'), ms('2025-09-02T00:00:00Z')))).toBe('trm-baseline-3');
  });

  it('no document governs a case opened before every published baseline (only without the shipped one)', () => {
    const onlyLater = PUBLISHED.filter((p) => p.document.id === 'trm-baseline-2');
    expect(governingDocument(onlyLater, ro('2025-01-01T00:00:00Z'), ms('2030-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('CatalogueAsOf answers many cases from documents resolved once', () => {
    const asOf = new CatalogueAsOf(PUBLISHED, ms('2030-01-01T00:00:00Z'));
    expect(asOf.documents.map((p) => p.document.id)).toEqual(['trm-baseline-1', 'trm-BG-1', 'trm-baseline-2']);
    const a = asOf.rulesFor(bg('2025-02-01T00:00:00Z'));
    expect(a).toBe(asOf.rulesFor(bg('2027-02-01T00:00:00Z')));
    expect(a?.id).toBe('trm-BG-1');
    expect(asOf.resolve('trm-nowhere-1')).toBeUndefined();
    expect(new CatalogueAsOf(PUBLISHED, ms('2025-01-01T00:00:00Z')).resolve('trm-BG-1')).toBeUndefined();
  });
});

describe('a document resolved', () => {
  it('the shipped baseline resolves to trm-baseline-1 as the service has always read it', () => {
    const r = resolveCatalogueDocument(SHIPPED_BASELINE, SHIPPED_CATALOGUE)!;
    expect(r.measures.every((m) => m.adopted)).toBe(true);
    expect(toCatalogue(r).measures).toEqual(getCatalogue()!.measures);
    expect(toCatalogue(r).sops).toEqual(getCatalogue()!.sops);
    expect(effectiveFromMs(r.effectiveFrom)).toBeLessThan(ms('1900-01-01T00:00:00Z'));
  });

  it('a profile applies its adaptations to its base and nothing else', () => {
    const r = resolveCatalogueDocument(profileBG() as unknown as CatalogueDocument, PUBLISHED)!;
    const base = resolveCatalogueDocument(SHIPPED_BASELINE, PUBLISHED)!;
    expect(r).toMatchObject({ id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-01-01' });
    expect(measure(r, 'SOP1.M4')).toEqual({ ...measure(base, 'SOP1.M4'), adopted: false });
    expect(measure(r, 'SOP2.M1')).toEqual({ ...measure(base, 'SOP2.M1'), deadline: { anchor: 'SOP1.M3', within: 'P2D' } });
    expect(measure(r, 'SOP3.M6')).toEqual({ ...measure(base, 'SOP3.M6'), deadline: null });
    const others = (x: ResolvedCatalogue) => x.measures.filter((m) => !['SOP1.M4', 'SOP2.M1', 'SOP3.M6'].includes(m.code));
    expect(others(r)).toEqual(others(base));
  });

  it('a profile whose base is not among the documents does not resolve', () => {
    expect(resolveCatalogueDocument({ ...profileBG(), base: 'trm-baseline-2' } as unknown as CatalogueDocument, SHIPPED_CATALOGUE)).toBeUndefined();
  });

  it('in the catalogue model, a measure not adopted stays (its SOP still counts) but applies to no case', () => {
    const c = toCatalogue(resolveCatalogueDocument(profileBG() as unknown as CatalogueDocument, PUBLISHED)!);
    expect(c.version).toBe('trm-BG-1');
    const m4 = c.measures.find((m) => m.code === 'SOP1.M4')!;
    expect(m4).toMatchObject({ sop: 1, adopted: false });
    const foreignAdult = { child: false, foreign: true, origin: false, enteredSops: new Set<number>() };
    expect(applies(m4, foreignAdult)).toBe(false);
    expect(applies({ ...m4, adopted: undefined }, foreignAdult)).toBe(true);
    expect(c.measures.find((m) => m.code === 'SOP3.M6')!.deadline).toBeUndefined();
  });
});
