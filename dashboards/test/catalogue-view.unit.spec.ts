import { getCatalogue } from '@trm/domain';
import { sharedPanels } from '../server/panel-svg.renderer';

/** dashboards/shared/catalogue-view.js: which document governs a country, and the words for it. */
interface Doc { id: string; kind: string; country?: string | null; base?: string | null; effectiveFrom: string; publishedAt: string | null }
const cv = sharedPanels.catalogueView as unknown as {
  listOf(a: unknown): Doc[];
  governing(list: Doc[], country: string, date: string, asOf?: string): Doc | null;
  describe(d: Doc | null): string;
  dateOf(asOf: string | undefined, now?: Date): string;
  governingMap(list: Doc[], resolved: Record<string, unknown>, countries: string[], date: string, asOf?: string): Record<string, { document: Doc; notAdopted: string[] }>;
  toResolve(list: Doc[], countries: string[], date: string, asOf?: string): string[];
  diffRows(d: unknown): Record<string, string>[];
  measureRows(r: unknown): Record<string, string>[];
  versionsOf(data: unknown): string[];
};

const LIST: Doc[] = [
  { id: 'trm-baseline-1', kind: 'baseline', country: null, base: null, effectiveFrom: '0001-01-01', publishedAt: null },
  { id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-03-01', publishedAt: '2025-02-01T10:00:00.000Z' },
  { id: 'trm-baseline-2', kind: 'baseline', country: null, base: null, effectiveFrom: '2025-06-01', publishedAt: '2025-05-01T10:00:00.000Z' },
  // Same effectiveFrom as trm-BG-1, published later: wins the tie.
  { id: 'trm-BG-2', kind: 'national', country: 'BG', base: 'trm-baseline-2', effectiveFrom: '2025-03-01', publishedAt: '2025-07-01T10:00:00.000Z' },
];

describe('the document governing a country (catalogue-view.js)', () => {
  it('reads the list whatever its envelope, and nothing from a non-list', () => {
    expect(cv.listOf({ documents: LIST })).toHaveLength(4);
    expect(cv.listOf(LIST)).toHaveLength(4);
    expect(cv.listOf(null)).toEqual([]);
    expect(cv.listOf({ documents: 'x' })).toEqual([]);
  });

  it('picks the country\'s profile in effect, else the baseline in effect; ties go to the later publication', () => {
    expect(cv.governing(LIST, 'BG', '2025-02-28')!.id).toBe('trm-baseline-1');
    expect(cv.governing(LIST, 'BG', '2025-03-01')!.id).toBe('trm-BG-2');
    expect(cv.governing(LIST, 'DE', '2025-05-31')!.id).toBe('trm-baseline-1');
    expect(cv.governing(LIST, 'DE', '2025-06-01')!.id).toBe('trm-baseline-2');
  });

  it('counts only the documents published by the "as of" time', () => {
    expect(cv.governing(LIST, 'BG', '2025-06-30', '2025-06-30T00:00:00Z')!.id).toBe('trm-BG-1');
    expect(cv.governing(LIST, 'BG', '2025-01-31', '2025-01-31T00:00:00Z')!.id).toBe('trm-baseline-1');
    expect(cv.governing(LIST, 'DE', '2025-06-30', '2025-04-30T00:00:00Z')!.id).toBe('trm-baseline-1');
    expect(cv.dateOf('2025-04-30T23:00:00Z')).toBe('2025-04-30');
    expect(cv.dateOf(undefined, new Date('2026-01-02T03:00:00Z'))).toBe('2026-01-02');
    expect(cv.dateOf('not a time', new Date('2026-01-02T03:00:00Z'))).toBe('2026-01-02');
  });

  it('says which document and since when', () => {
    expect(cv.describe(LIST[1])).toBe('national profile trm-BG-1 (on trm-baseline-1), in effect since 2025-03-01');
    expect(cv.describe(LIST[2])).toBe('baseline trm-baseline-2, in effect since 2025-06-01');
    expect(cv.describe(LIST[0])).toBe('baseline trm-baseline-1, in effect from the start (shipped with the service)');
  });

  it('lists the measures a governing profile does not adopt, resolving only national profiles', () => {
    expect(cv.toResolve(LIST, ['BG', 'DE'], '2025-07-02')).toEqual(['trm-BG-2']);
    const resolved = { 'trm-BG-2': { measures: [{ code: 'SOP2.M7', adopted: false }, { code: 'SOP1.M1', adopted: true }] } };
    const map = cv.governingMap(LIST, resolved, ['BG', 'DE'], '2025-07-02');
    expect(map.BG.notAdopted).toEqual(['SOP2.M7']);
    expect([map.DE.document.id, map.DE.notAdopted]).toEqual(['trm-baseline-2', []]);
  });

  it('tells apart "not adopted", 0 % and "no cases" in a heatmap', () => {
    const ctx = {
      catalogue: getCatalogue()!, now: new Date(), ssr: true as const, filters: { country: 'BG' },
      documents: { list: LIST, resolved: {}, available: true, governing: { BG: { document: LIST[1], notAdopted: ['SOP1.M2'] } } },
    };
    const row = (measure: string, value: number) => ({ measure, numerator: value * 10, denominator: 10, value, ci95: [0, 1] });
    const built = sharedPanels.byId['rapporteur-heatmap'].build({
      'measure.compliance': { rows: [row('SOP1.M1', 0), row('SOP1.M2', 0.5)] }, 'measure.delivery': { rows: [] },
    }, ctx) as { option: { series: { name: string; data: { value: number[] }[] }[] } };
    const series = built.option.series.slice(0, 4);
    expect(series.map((s) => [s.name, s.data.length])).toEqual([
      ['Compliance', 1], ['Suppressed (small cell)', 0], ['No applicable cases', getCatalogue()!.measures.length - 2], ['Not adopted (national profile)', 1],
    ]);
    // SOP1.M1 at 0 % is a value; SOP1.M2 came back with 50 % yet reads "not adopted".
    expect(series[0].data[0].value).toEqual([0, 0, 0]);
    expect(series[3].data[0].value).toEqual([1, 0, -3]);
  });
});

describe('document and diff tables', () => {
  it('turns a diff into rows: added, dropped, re-timed, deadline given or removed, adoption, other fields', () => {
    const d = { anchor: 'SOP1.M1', within: 'P45D' };
    const rows = cv.diffRows({
      added: [{ code: 'SOP1.M9', title: 'New', deadline: null }], removed: [{ code: 'SOP1.M8', title: 'Old', deadline: d }],
      deadlines: [{ code: 'SOP1.M5', from: { anchor: 'SOP1.M1', within: 'P60D' }, to: d }, { code: 'SOP4.M8', from: d, to: null }, { code: 'SOP3.M1', from: null, to: d }],
      adoption: [{ code: 'SOP2.M7', from: true, to: false }], changed: [{ code: 'SOP1.M1', field: 'appliesTo', from: ['all'], to: ['child'] }],
    });
    expect(rows.map((r) => [r.change, r.code, r.from, r.to])).toEqual([
      ['added', 'SOP1.M9', '—', 'New · no deadline'], ['dropped', 'SOP1.M8', 'Old · P45D after SOP1.M1', '—'],
      ['re-timed', 'SOP1.M5', 'P60D after SOP1.M1', 'P45D after SOP1.M1'], ['deadline removed', 'SOP4.M8', 'P45D after SOP1.M1', 'no deadline'],
      ['deadline given', 'SOP3.M1', 'no deadline', 'P45D after SOP1.M1'], ['not adopted', 'SOP2.M7', 'adopted', 'not adopted'],
      ['appliesTo changed', 'SOP1.M1', 'all', 'child'],
    ]);
    expect(cv.diffRows(null)).toEqual([]);
  });

  it('marks a measure not adopted in a resolved document, and collects catalogueVersions once each, sorted', () => {
    const rows = cv.measureRows({ measures: [{ code: 'SOP2.M7', sop: 2, title: 't', appliesTo: ['foreign', 'adult'], deadline: null, actors: [], adopted: false }] });
    expect(rows[0]).toEqual(expect.objectContaining({ 'applies to': 'foreign + adult', 'deadline in force': 'no deadline', adopted: 'not adopted', _class: 'not-adopted' }));
    expect(cv.versionsOf({ a: { catalogueVersions: ['trm-BG-1', 'trm-baseline-1'] }, b: { catalogueVersions: ['trm-baseline-1'] }, c: null })).toEqual(['trm-BG-1', 'trm-baseline-1']);
  });
});
