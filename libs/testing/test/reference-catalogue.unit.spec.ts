// The reference implementation under catalogue documents (CATALOGUE.md "Versions and national
// profiles", INDICATORS.md V(c)), hand-computed on small histories.
import { SHIPPED_BASELINE } from '@trm/domain';
import type { Adaptation, CatalogueMeasure } from '@trm/domain';
import {
  SHIPPED_DOCUMENTS, Scenario, governingDocument, query, referenceCatalogueVersions, referenceGaps, referenceIndicator,
} from '../src/reference';
import type { ReferenceDocument } from '../src/reference';

const OPENED = '2025-02-01T00:00:00.000Z';
// Every event of these histories is known from the opening on.
const RECORDED = OPENED;
const PUBLISHED = '2025-01-15T00:00:00.000Z';
const h = (hours: number) => new Date(Date.parse(OPENED) + hours * 3_600_000).toISOString();
const d = (days: number) => h(days * 24);

function profile(
  id: string, country: string, adaptations: Record<string, Adaptation>,
  opts: { effectiveFrom?: string; recordedAt?: string; base?: string } = {},
): ReferenceDocument {
  return {
    document: { id, kind: 'national', country, base: opts.base ?? 'trm-baseline-1', effectiveFrom: opts.effectiveFrom ?? '2025-01-01', adaptations },
    recordedAt: opts.recordedAt ?? PUBLISHED,
  };
}

function baseline(
  id: string, change: (measures: CatalogueMeasure[]) => CatalogueMeasure[],
  opts: { effectiveFrom?: string; recordedAt?: string } = {},
): ReferenceDocument {
  const measures = SHIPPED_BASELINE.measures.map((m) => ({ ...m, ...(m.deadline ? { deadline: { ...m.deadline } } : {}) }));
  return { document: { id, kind: 'baseline', effectiveFrom: opts.effectiveFrom ?? '2025-01-01', measures: change(measures) }, recordedAt: opts.recordedAt ?? PUBLISHED };
}

const docs = (...more: ReferenceDocument[]): ReferenceDocument[] => [...SHIPPED_DOCUMENTS, ...more];
const rows = (s: Scenario, id: string, q: Parameters<typeof query>[0], documents?: ReferenceDocument[]) =>
  referenceIndicator(s.events, id, query(q), documents).map((r) => ({ measure: r.measure, country: r.country, numerator: r.numerator, denominator: r.denominator, count: r.count, n: r.n, median: r.median }))
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

describe('reference: a measure a national profile has not adopted', () => {
  // c1 offered SOP1.M2 an hour after the opening; c2 has nothing.
  const s = new Scenario(RECORDED);
  s.open('c1', OPENED);
  s.open('c2', OPENED);
  s.measure('c1', 'SOP1.M2', 'completed', h(1));
  const notAdopted = docs(profile('trm-BG-1', 'BG', { 'SOP1.M2': { adopted: false } }));

  it('has no denominator: its compliance, delivery and timeliness rows disappear', () => {
    expect(rows(s, 'measure.compliance', { measures: ['SOP1.M2'] })).toEqual([{ measure: 'SOP1.M2', numerator: 1, denominator: 2 }]);
    for (const id of ['measure.compliance', 'measure.delivery', 'measure.timeliness', 'measure.days_to']) {
      expect([id, rows(s, id, { measures: ['SOP1.M2'] }, notAdopted)]).toEqual([id, []]);
    }
    // Other measures are untouched.
    expect(rows(s, 'measure.compliance', { measures: ['SOP1.M1'] }, notAdopted)).toEqual([{ measure: 'SOP1.M1', numerator: 0, denominator: 2 }]);
  });

  it('is never overdue, in measure.overdue and in the gaps report with case ids', () => {
    expect(rows(s, 'measure.overdue', { measures: ['SOP1.M2'] })).toEqual([{ measure: 'SOP1.M2', count: 1 }]);
    expect(rows(s, 'measure.overdue', { measures: ['SOP1.M2'] }, notAdopted)).toEqual([]);
    const gaps = (documents?: ReferenceDocument[]) => referenceGaps(s.events, query({}), true, documents).filter((g) => g.measure === 'SOP1.M2');
    expect(gaps()).toEqual([{ measure: 'SOP1.M2', sop: 1, count: 1, caseIds: ['c2'] }]);
    expect(gaps(notAdopted)).toEqual([]);
  });

  it('still counts its records in case.measures_used and sop.reach', () => {
    for (const id of ['case.measures_used', 'sop.reach']) {
      const q = id === 'sop.reach' ? { sops: [1] } : {};
      expect([id, referenceIndicator(s.events, id, query(q), notAdopted)]).toEqual([id, referenceIndicator(s.events, id, query(q))]);
    }
    expect(rows(s, 'case.measures_used', {}, notAdopted)).toEqual([{ n: 2, median: 0.5 }]);
    expect(referenceIndicator(s.events, 'sop.reach', query({ sops: [1] }), notAdopted).map((r) => [r.sop, r.numerator, r.denominator])).toEqual([[1, 1, 2]]);
  });
});

describe('reference: national deadlines', () => {
  // c1: SOP1.M1 done 5 days after the opening, SOP1.M3 at 2 days, SOP2.M1 at 2.5 days; c2 nothing.
  const s = new Scenario(RECORDED);
  s.open('c1', OPENED);
  s.open('c2', OPENED);
  s.measure('c1', 'SOP1.M1', 'completed', d(5));
  s.measure('c1', 'SOP1.M3', 'completed', d(2));
  s.measure('c1', 'SOP2.M1', 'offered', d(2.5));
  const T = d(6);

  it('a national deadline replaces the base\'s: timeliness and overdue follow it', () => {
    // Baseline: SOP1.M1 within P3D of the opening.
    expect(rows(s, 'measure.timeliness', { measures: ['SOP1.M1'] })).toEqual([{ measure: 'SOP1.M1', numerator: 0, denominator: 1 }]);
    expect(rows(s, 'measure.overdue', { asOf: T, measures: ['SOP1.M1'] })).toEqual([{ measure: 'SOP1.M1', count: 1 }]);
    const p7 = docs(profile('trm-BG-1', 'BG', { 'SOP1.M1': { deadline: { anchor: 'case.opened', within: 'P7D' } } }));
    expect(rows(s, 'measure.timeliness', { measures: ['SOP1.M1'] }, p7)).toEqual([{ measure: 'SOP1.M1', numerator: 1, denominator: 1 }]);
    expect(rows(s, 'measure.overdue', { asOf: T, measures: ['SOP1.M1'] }, p7)).toEqual([]);
    // ... and a day later c2 is overdue under P7D as well.
    expect(rows(s, 'measure.overdue', { asOf: d(7), measures: ['SOP1.M1'] }, p7)).toEqual([]);
    expect(rows(s, 'measure.overdue', { asOf: h(7 * 24 + 1), measures: ['SOP1.M1'] }, p7)).toEqual([{ measure: 'SOP1.M1', count: 1 }]);
  });

  it('a national deadline with another anchor: days_to and timeliness count from it', () => {
    // Baseline: SOP2.M1 within P1D of SOP1.M3 (done at 2 days): 0.5 days, on time.
    expect(rows(s, 'measure.days_to', { measures: ['SOP2.M1'] })).toEqual([{ measure: 'SOP2.M1', n: 1, median: 0.5 }]);
    expect(rows(s, 'measure.timeliness', { measures: ['SOP2.M1'] })).toEqual([{ measure: 'SOP2.M1', numerator: 1, denominator: 1 }]);
    const fromOpening = docs(profile('trm-BG-1', 'BG', { 'SOP2.M1': { deadline: { anchor: 'case.opened', within: 'P2D' } } }));
    expect(rows(s, 'measure.days_to', { measures: ['SOP2.M1'] }, fromOpening)).toEqual([{ measure: 'SOP2.M1', n: 1, median: 2.5 }]);
    expect(rows(s, 'measure.timeliness', { measures: ['SOP2.M1'] }, fromOpening)).toEqual([{ measure: 'SOP2.M1', numerator: 0, denominator: 1 }]);
  });

  it('`deadline: null` removes the deadline: no overdue, no timeliness, compliance unchanged', () => {
    const none = docs(profile('trm-BG-1', 'BG', { 'SOP1.M1': { deadline: null } }));
    expect(rows(s, 'measure.overdue', { asOf: T, measures: ['SOP1.M1'] }, none)).toEqual([]);
    expect(rows(s, 'measure.timeliness', { measures: ['SOP1.M1'] }, none)).toEqual([]);
    expect(rows(s, 'measure.days_to', { measures: ['SOP1.M1'] }, none)).toEqual([]);
    expect(rows(s, 'measure.compliance', { measures: ['SOP1.M1'] }, none)).toEqual([{ measure: 'SOP1.M1', numerator: 1, denominator: 2 }]);
    expect(referenceGaps(s.events, query({ asOf: T }), false, none).map((g) => g.measure)).not.toContain('SOP1.M1');
  });
});

describe('reference: which document governs, as of T', () => {
  it('a publication between two as-of times changes only the later figures (and catalogueVersions)', () => {
    const s = new Scenario(RECORDED);
    s.open('c1', OPENED);
    s.open('c2', OPENED);
    s.measure('c1', 'SOP1.M2', 'completed', h(1));
    const documents = docs(profile('trm-BG-1', 'BG', { 'SOP1.M2': { adopted: false } }, { recordedAt: '2025-03-01T00:00:00.000Z' }));
    const before = { asOf: '2025-02-28T23:59:59.999Z', measures: ['SOP1.M2'] };
    const at = { asOf: '2025-03-01T00:00:00.000Z', measures: ['SOP1.M2'] };
    expect(rows(s, 'measure.compliance', before, documents)).toEqual([{ measure: 'SOP1.M2', numerator: 1, denominator: 2 }]);
    expect(rows(s, 'measure.overdue', before, documents)).toEqual([{ measure: 'SOP1.M2', count: 1 }]);
    expect(rows(s, 'measure.compliance', at, documents)).toEqual([]);
    expect(rows(s, 'measure.overdue', at, documents)).toEqual([]);
    expect(referenceCatalogueVersions(s.events, query(before), documents)).toEqual(['trm-baseline-1']);
    expect(referenceCatalogueVersions(s.events, query(at), documents)).toEqual(['trm-BG-1']);
  });

  it('a case opened before effectiveFrom keeps the baseline; one opened at it follows the profile', () => {
    const s = new Scenario(RECORDED);
    s.open('before', '2025-01-31T23:59:59.999Z');
    s.open('at', '2025-02-01T00:00:00.000Z');
    const documents = docs(profile('trm-BG-1', 'BG', { 'SOP1.M2': { adopted: false } }, { effectiveFrom: '2025-02-01' }));
    expect(referenceGaps(s.events, query({}), true, documents).filter((g) => g.measure === 'SOP1.M2'))
      .toEqual([{ measure: 'SOP1.M2', sop: 1, count: 1, caseIds: ['before'] }]);
    expect(rows(s, 'measure.compliance', { measures: ['SOP1.M2'] }, documents)).toEqual([{ measure: 'SOP1.M2', numerator: 0, denominator: 1 }]);
    expect(referenceCatalogueVersions(s.events, query({}), documents)).toEqual(['trm-BG-1', 'trm-baseline-1']);
    // The period decides which cases an answer's catalogueVersions covers.
    expect(referenceCatalogueVersions(s.events, query({ from: '2025-02-01T00:00:00.000Z' }), documents)).toEqual(['trm-BG-1']);
    expect(referenceCatalogueVersions(s.events, query({ to: '2025-02-01T00:00:00.000Z' }), documents)).toEqual(['trm-baseline-1']);
  });

  it('the profile of one country does not touch another country\'s cases', () => {
    const s = new Scenario(RECORDED);
    s.open('bg', OPENED, { country: 'BG' });
    s.open('ro', OPENED, { country: 'RO' });
    const documents = docs(profile('trm-BG-1', 'BG', { 'SOP1.M2': { adopted: false } }));
    expect(rows(s, 'measure.compliance', { measures: ['SOP1.M2'], groupBy: ['country'] }, documents))
      .toEqual([{ measure: 'SOP1.M2', country: 'RO', numerator: 0, denominator: 1 }]);
    expect(referenceCatalogueVersions(s.events, query({ countries: ['RO'] }), documents)).toEqual(['trm-baseline-1']);
    expect(referenceCatalogueVersions(s.events, query({ countries: ['BG'] }), documents)).toEqual(['trm-BG-1']);
    expect(referenceCatalogueVersions(s.events, query({ countries: ['IT'] }), documents)).toEqual([]);
  });

  it('a tie on effectiveFrom goes to the later publication', () => {
    const s = new Scenario(RECORDED);
    s.open('c', OPENED);
    const first = profile('trm-BG-1', 'BG', { 'SOP1.M2': { adopted: false } });
    const second = profile('trm-BG-2', 'BG', { 'SOP1.M2': { deadline: { anchor: 'case.opened', within: 'P10D' } } }, { recordedAt: '2025-01-20T00:00:00.000Z' });
    expect(governingDocument(docs(first, second), 'BG', Date.parse(OPENED), Date.parse(RECORDED))?.id).toBe('trm-BG-2');
    expect(rows(s, 'measure.overdue', { asOf: d(5), measures: ['SOP1.M2'] }, docs(first, second))).toEqual([]);
    expect(rows(s, 'measure.overdue', { asOf: d(11), measures: ['SOP1.M2'] }, docs(first, second))).toEqual([{ measure: 'SOP1.M2', count: 1 }]);
    expect(referenceCatalogueVersions(s.events, query({}), docs(first, second))).toEqual(['trm-BG-2']);
    // Published in the same millisecond: the catalogue stream's order decides.
    const same = { ...second, recordedAt: PUBLISHED };
    expect(referenceCatalogueVersions(s.events, query({}), docs(first, same))).toEqual(['trm-BG-2']);
    expect(referenceCatalogueVersions(s.events, query({}), docs(same, first))).toEqual(['trm-BG-1']);
    // Before the second is published, the first governs.
    expect(governingDocument(docs(first, second), 'BG', Date.parse(OPENED), Date.parse('2025-01-19T23:59:59.999Z'))?.id).toBe('trm-BG-1');
  });

  it('a later baseline does not override a country\'s profile; it governs the countries without one', () => {
    const s = new Scenario(RECORDED);
    s.open('bg', OPENED, { country: 'BG' });
    s.open('ro', OPENED, { country: 'RO' });
    const bg = profile('trm-BG-1', 'BG', { 'SOP1.M1': { deadline: { anchor: 'case.opened', within: 'P4D' } } });
    // trm-baseline-2 (effective after the profile): SOP1.M2 within P5D, SOP1.M6 dropped.
    const b2 = baseline('trm-baseline-2', (ms) => ms
      .filter((m) => m.code !== 'SOP1.M6')
      .map((m) => (m.code === 'SOP1.M2' ? { ...m, deadline: { anchor: 'case.opened', within: 'P5D' } } : m)),
    { effectiveFrom: '2025-01-20', recordedAt: '2025-01-25T00:00:00.000Z' });
    const documents = docs(bg, b2);
    expect(referenceCatalogueVersions(s.events, query({}), documents)).toEqual(['trm-BG-1', 'trm-baseline-2']);
    // As of 3 days after the opening: BG (trm-baseline-1's P1D) overdue, RO (P5D) not.
    expect(rows(s, 'measure.overdue', { asOf: d(3), measures: ['SOP1.M2'], groupBy: ['country'] }, documents))
      .toEqual([{ measure: 'SOP1.M2', country: 'BG', count: 1 }]);
    // SOP1.M6 (foreign cases) is no measure of trm-baseline-2: of two foreign cases, only BG's has it.
    const f = new Scenario(RECORDED);
    f.open('bg', OPENED, { country: 'BG', profile: { citizenship: 'RO' } });
    f.open('ro', OPENED, { country: 'RO', profile: { citizenship: 'BG' } });
    expect(rows(f, 'measure.compliance', { measures: ['SOP1.M6'], groupBy: ['country'] }, documents))
      .toEqual([{ measure: 'SOP1.M6', country: 'BG', numerator: 0, denominator: 1 }]);
    // Without the profile, both follow trm-baseline-2.
    expect(rows(f, 'measure.compliance', { measures: ['SOP1.M6'], groupBy: ['country'] }, docs(b2))).toEqual([]);
    // A profile based on trm-baseline-2 inherits its deadlines and its dropped measure.
    const bg2 = profile('trm-BG-2', 'BG', {}, { base: 'trm-baseline-2', effectiveFrom: '2025-01-21', recordedAt: '2025-01-26T00:00:00.000Z' });
    expect(rows(s, 'measure.overdue', { asOf: d(3), measures: ['SOP1.M2'], groupBy: ['country'] }, docs(bg, b2, bg2))).toEqual([]);
    expect(rows(f, 'measure.compliance', { measures: ['SOP1.M6'] }, docs(bg, b2, bg2))).toEqual([]);
  });

  it('a case opened before a later baseline\'s effectiveFrom keeps the earlier baseline; the rows of a measure come from each case\'s own document', () => {
    const s = new Scenario(RECORDED);
    s.open('early', '2025-01-10T00:00:00.000Z');
    s.open('late', OPENED);
    s.measure('early', 'SOP4.M1', 'offered', '2025-01-11T00:00:00.000Z');
    s.measure('early', 'SOP4.M5', 'completed', '2025-01-12T00:00:00.000Z');
    s.measure('late', 'SOP4.M1', 'offered', d(1));
    s.measure('late', 'SOP4.M5', 'completed', d(2));
    // trm-baseline-2 from 2025-02-01: SOP4.M1 no longer has to precede SOP4.M5.
    const b2 = baseline('trm-baseline-2', (ms) => ms.map((m) => {
      if (m.code !== 'SOP4.M1') return m;
      const { before: _before, ...rest } = m;
      return rest;
    }), { effectiveFrom: '2025-02-01' });
    expect(rows(s, 'measure.sequence', { measures: ['SOP4.M1'] })).toEqual([{ measure: 'SOP4.M1', numerator: 2, denominator: 2 }]);
    expect(rows(s, 'measure.sequence', { measures: ['SOP4.M1'] }, docs(b2))).toEqual([{ measure: 'SOP4.M1', numerator: 1, denominator: 1 }]);
    expect(referenceCatalogueVersions(s.events, query({}), docs(b2))).toEqual(['trm-baseline-1', 'trm-baseline-2']);
  });
});
