import { getCatalogue } from '@trm/domain';
import { sharedPanels } from '../server/panel-svg.renderer';

const catalogue = getCatalogue()!;
const ctx = { catalogue, now: new Date('2026-01-01T00:00:00Z'), filters: {}, ssr: true as const };
type Built = { option: { xAxis: { data: string[] } | { data: string[] }[]; series: { name: string; cursor?: string; data: unknown[] }[]; tooltip: { formatter?(p: object): string } }; drill?: boolean };
const build = (id: string, data: Record<string, unknown>) => sharedPanels.byId[id].build(data, ctx) as unknown as Built;
const kit = (sharedPanels as unknown as { kit: { quarterRange(p: string[]): string[] } }).kit;

describe('quarterly panels keep empty quarters on the axis', () => {
  it('lists every quarter between the first and the last, across years', () => {
    expect(kit.quarterRange(['2025-Q1', '2024-Q4', '2025-Q4'])).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(kit.quarterRange([])).toEqual([]);
  });

  it('draws a quarter without cases as 0 and breaks the reach lines there', () => {
    const count = (period: string, n: number) => ({ period, count: n });
    const reach = (period: string, sop: number) => ({ period, sop, numerator: 1, denominator: 2, value: 0.5 });
    const built = build('rapporteur-trends', {
      'case.count': { rows: [count('2025-Q1', 12), count('2025-Q3', 7)] },
      'sop.reach': { rows: [reach('2025-Q1', 1), reach('2025-Q3', 1)] },
    });
    expect((built.option.xAxis as { data: string[] }).data).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(built.option.series[0].data).toEqual([12, 0, 7]);
    expect(built.option.series.find((s) => s.name === 'SOP 1 reach')!.data).toEqual([0.5, null, 0.5]);
  });

  it('keeps the gap in the data-quality panel\'s quarters too', () => {
    const built = build('rapporteur-data-quality', {
      'data.reporting_lag': { rows: [{ period: '2024-Q4', n: 10, median: 2, p90: 9 }, { period: '2025-Q2', n: 10, median: 3, p90: 8 }] },
      'count.now': { rows: [] }, 'count.earlier': { rows: [] },
    });
    expect((built.option.xAxis as { data: string[] }[])[0].data).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
  });
});

describe('overdue measures: the case-id drill-down is offered only to keys that may use it', () => {
  const gaps = (applied: boolean) => ({ gaps: { suppression: { applied, k: 5 }, rows: [{ measure: 'SOP1.M1', sop: 1, country: 'BG', count: 9 }] } });

  it('invites a rapporteur, auditor or admin to click for case ids', () => {
    const built = build('rapporteur-gaps', gaps(false));
    expect(built.drill).toBe(true);
    expect(built.option.series[0].cursor).toBe('pointer');
    expect(built.option.tooltip.formatter!({ dataIndex: 0, seriesType: 'bar', value: 9 })).toContain('click for case ids');
  });

  it('does not invite a manager (whose answers are suppressed), who would be refused', () => {
    const built = build('rapporteur-gaps', gaps(true));
    expect(built.drill).toBe(false);
    expect(built.option.series[0].cursor).toBe('default');
    expect(built.option.tooltip.formatter!({ dataIndex: 0, seriesType: 'bar', value: 9 })).not.toContain('click');
    expect((sharedPanels.byId['rapporteur-gaps'] as { description?: string }).description).toMatch(/manager's key sees the counts only/);
  });
});
