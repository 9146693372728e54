import type { Browser } from 'playwright-core';
import {
  chartSvg, csvValue, exportText, externalRequests, launchBrowser, openPage, panelStates, parseCsv, screenshot, signIn, until, waitForPanels,
} from './support/browser';
import { expectWellFormedSvg } from './support/well-formed-svg';
import type { WatchedPage } from './support/browser';
import { startDemoService } from './support/demo-service';
import type { ServiceHarness } from './support/demo-service';

const PANELS = [
  'rapporteur-heatmap', 'rapporteur-timeliness', 'rapporteur-gaps', 'rapporteur-trends', 'rapporteur-referrals',
  'rapporteur-referrals-received', 'rapporteur-open-referrals', 'rapporteur-outcomes', 'rapporteur-data-quality',
];

describe('rapporteur dashboard (real service, Chromium)', () => {
  let svc: ServiceHarness;
  let browser: Browser;
  let w: WatchedPage;
  const api = async (path: string, key = 'rapporteur-bg') => {
    const r = await fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
    expect(r.status).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    [svc, browser] = await Promise.all([startDemoService(600), launchBrowser()]);
    w = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close(true);
  });

  it('labels the synthetic data and asks for an API key', async () => {
    // A page of its own: the refused key's 401 is logged by the browser, on purpose.
    const other = await openPage(browser);
    await other.page.goto(`${svc.url}/dashboards/rapporteur`);
    await other.page.getByText('SYNTHETIC DEMO DATA — not real cases').waitFor();
    await expect(other.page.getByLabel('API key').isVisible()).resolves.toBe(true);
    await other.page.getByLabel('API key').fill('not-a-key');
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.page.getByText('This API key was not recognised.').waitFor();
    expect(externalRequests(other.requests, svc.url)).toEqual([]);
    await other.page.context().close();
  });

  it('signs in and draws every panel with data for the key\'s country', async () => {
    await signIn(w.page, svc.url, 'rapporteur', 'secret-rapporteur-bg');
    const states = await waitForPanels(w.page);
    expect(Object.keys(states).sort()).toEqual([...PANELS].sort());
    for (const id of PANELS) expect([id, states[id].state]).toEqual([id, 'rendered']);
    // The only country the key may read becomes the filter, and the URL says so.
    expect(new URL(w.page.url()).searchParams.get('country')).toBe('BG');
    // The key lives in sessionStorage only.
    const stored = await w.page.evaluate(() => {
      const g = globalThis as unknown as { sessionStorage: { getItem(k: string): string | null }; localStorage: { length: number } };
      return { session: g.sessionStorage.getItem('trm.apiKey'), local: g.localStorage.length };
    });
    expect(stored).toEqual({ session: 'secret-rapporteur-bg', local: 0 });
    // The heatmap shows the API's figures: SOP1.M1 compliance as a percentage label.
    const compliance = await api('/v1/indicators/measure.compliance?country=BG&measure=SOP1.M1');
    const svg = await chartSvg(w.page, 'rapporteur-heatmap');
    expect(svg).toContain(`${Math.round(compliance.rows[0].value * 100)}%`);
    // Timeliness marks the catalogue deadline; the referral panel has the partner countries.
    expect(await chartSvg(w.page, 'rapporteur-timeliness')).toContain('Deadline');
    const referrals = await api('/v1/indicators/referral.acknowledgement?country=BG&groupBy=toCountry');
    expect(referrals.rows.length).toBeGreaterThan(0);
    for (const r of referrals.rows) expect(await chartSvg(w.page, 'rapporteur-referrals')).toContain(`${r.toCountry}`);
    console.log(`screenshot: ${await screenshot(w.page, 'rapporteur')}`);
  });

  it('a filter change updates the charts and the URL', async () => {
    const before = await waitForPanels(w.page, {}, 5_000);
    const svgBefore = await chartSvg(w.page, 'rapporteur-heatmap');
    await w.page.selectOption('select[name="age"]', 'child');
    const after = await waitForPanels(w.page, before);
    expect(new URL(w.page.url()).searchParams.get('age')).toBe('child');
    expect(after['rapporteur-heatmap'].state).toBe('rendered');
    expect(await chartSvg(w.page, 'rapporteur-heatmap')).not.toEqual(svgBefore);
    expect(w.requests.some((u) => u.includes('/v1/indicators/measure.compliance') && u.includes('groupBy=ageGroup'))).toBe(true);
    // The URL is shareable: opening it again restores the filter.
    await w.page.goto(w.page.url());
    await waitForPanels(w.page);
    await expect(w.page.inputValue('select[name="age"]')).resolves.toBe('child');
  });

  it('exports as CSV exactly the rows the API returns', async () => {
    const { name, text } = await exportText(w.page, 'rapporteur-heatmap', 'csv');
    expect(name).toBe('trm-rapporteur-heatmap.csv');
    const csv = parseCsv(text);
    const expected: Record<string, string>[] = [];
    for (const id of ['measure.compliance', 'measure.delivery']) {
      const body = await api(`/v1/indicators/${id}?country=BG&groupBy=ageGroup`);
      for (const r of body.rows.filter((x: { ageGroup: string }) => x.ageGroup === 'child')) {
        expected.push({
          indicator: id, measure: r.measure, sop: csvValue(r.sop), ageGroup: r.ageGroup, numerator: csvValue(r.numerator),
          denominator: csvValue(r.denominator), value: csvValue(r.value), ci95_low: csvValue(r.ci95?.[0]), ci95_high: csvValue(r.ci95?.[1]),
        });
      }
    }
    expect(expected.length).toBeGreaterThan(5);
    expect(csv.map((r) => ({
      indicator: r.indicator, measure: r.measure, sop: r.sop, ageGroup: r.ageGroup, numerator: r.numerator, denominator: r.denominator,
      value: r.value, ci95_low: r.ci95_low, ci95_high: r.ci95_high,
    }))).toEqual(expected);
    const svg = await exportText(w.page, 'rapporteur-heatmap', 'svg');
    expectWellFormedSvg(svg.text);
    expect(svg.text).toContain('Compliance');
  });

  it('drills down from an overdue measure to its pseudonymous case ids', async () => {
    const before = await panelStates(w.page);
    await w.page.selectOption('select[name="age"]', '');
    await waitForPanels(w.page, before);
    const gaps = await api('/v1/gaps?country=BG');
    const first = [...gaps.rows].sort((a: { count: number }, b: { count: number }) => b.count - a.count)[0];
    // Click the bar of the measure with the most overdue cases, where ECharts drew it.
    const point = await w.page.evaluate((measure) => {
      type El = { scrollIntoView(): void; getBoundingClientRect(): { left: number; top: number } };
      const g = globalThis as unknown as { document: { querySelector(s: string): El }; echarts: { getInstanceByDom(e: unknown): { getOption(): { yAxis: { data: string[] }[] }; convertToPixel(f: object, v: number[]): number[] } } };
      const el = g.document.querySelector('[data-panel="rapporteur-gaps"] .chart');
      el.scrollIntoView();
      const chart = g.echarts.getInstanceByDom(el);
      const cats = chart.getOption().yAxis[0].data;
      const box = el.getBoundingClientRect();
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [0.5, cats.indexOf(measure)]);
      return { x: box.left + x + 3, y: box.top + y };
    }, first.measure);
    await w.page.mouse.click(point.x, point.y);
    const detail = await api(`/v1/gaps?country=BG&measure=${first.measure}&groupBy=country&detail=cases`);
    const ids: string[] = detail.rows.flatMap((r: { caseIds: string[] }) => r.caseIds);
    await until(async () => (await w.page.$$('[data-panel="rapporteur-gaps"] table tbody tr')).length === ids.length);
    const shown = await w.page.$$eval('[data-panel="rapporteur-gaps"] table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
    expect(shown.sort()).toEqual([...ids].sort());
    expect(await w.page.getAttribute('[data-panel="rapporteur-gaps"] table tbody tr td:first-child a', 'href')).toMatch(/^\/dashboards\/audit\?case=[a-z2-7]{26}$/);
    const cases = parseCsv((await exportText(w.page, 'rapporteur-gaps', 'drill-csv')).text);
    expect(cases.map((c) => c.caseId).sort()).toEqual([...ids].sort());
  });

  it('shows referrals received, the open referrals of both sides oldest first with overdue ones marked, and outcomes by SOP entered', async () => {
    expect(new URL(w.page.url()).searchParams.get('country')).toBe('BG');
    // Referrals received: every country that referred to BG, as the API reports it.
    const received = await api('/v1/indicators/referral.acknowledgement?toCountry=BG&groupBy=country');
    expect(received.rows.length).toBeGreaterThan(0);
    const receivedSvg = await chartSvg(w.page, 'rapporteur-referrals-received');
    for (const r of received.rows) expect(receivedSvg).toContain(`${r.country}`);
    // Open referrals: sent by BG and sent to BG, oldest first, overdue rows marked.
    type Open = { referralId: string; country: string; toCountry: string; sentAt: string; overdue: boolean };
    const open: Open[] = [...(await api('/v1/referrals/open?country=BG')).rows, ...(await api('/v1/referrals/open?toCountry=BG')).rows];
    const expected = open
      .filter((r, i) => open.findIndex((x) => x.referralId === r.referralId && x.country === r.country && x.sentAt === r.sentAt) === i)
      .sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.referralId < b.referralId ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((r) => r.overdue)).toBe(true);
    const shown = await w.page.$$eval('[data-panel="rapporteur-open-referrals"] table tbody tr', (trs) =>
      trs.map((tr) => ({ overdue: tr.className === 'overdue', id: tr.querySelector('td:last-child')?.textContent })));
    expect(shown).toEqual(expected.map((r) => ({ overdue: r.overdue, id: r.referralId })));
    // Outcomes: the closure rate as the API has it, then only the cases that entered SOP 4.
    const closure = await api('/v1/indicators/case.closure?country=BG');
    expect(await chartSvg(w.page, 'rapporteur-outcomes')).toContain(`${closure.rows[0].numerator} of ${closure.rows[0].denominator}`);
    // A panel control re-draws that panel only.
    const seq = (await panelStates(w.page))['rapporteur-outcomes'].seq;
    await w.page.selectOption('[data-panel="rapporteur-outcomes"] select[name="outcomeSop"]', '4');
    await until(async () => {
      const s = (await panelStates(w.page))['rapporteur-outcomes'];
      return s.seq > seq && s.state === 'rendered';
    });
    expect(new URL(w.page.url()).searchParams.get('outcomeSop')).toBe('4');
    expect(w.requests.some((u) => u.includes('/v1/indicators/case.closure_reason') && u.includes('sop=4'))).toBe(true);
    const sop4 = await api('/v1/indicators/case.closure?country=BG&sop=4');
    expect(await chartSvg(w.page, 'rapporteur-outcomes')).toContain(`${sop4.rows[0].numerator} of ${sop4.rows[0].denominator}`);
  });

  it('logged no console error and sent no request beyond localhost', async () => {
    expect(w.errors).toEqual([]);
    expect(w.requests.length).toBeGreaterThan(10);
    expect(externalRequests(w.requests, svc.url)).toEqual([]);
  });
});
