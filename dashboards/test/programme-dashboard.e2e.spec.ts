import type { Browser } from 'playwright-core';
import {
  chartSvg, csvValue, exportText, externalRequests, launchBrowser, openPage, panelStates, parseCsv, screenshot, signIn, waitForPanels,
} from './support/browser';
import type { WatchedPage } from './support/browser';
import { expectWellFormedSvg } from './support/well-formed-svg';
import { sharedPanels } from '../server/panel-svg.renderer';
import { startDemoService } from './support/demo-service';
import type { ServiceHarness } from './support/demo-service';

const PANELS = ['programme-matrix', 'programme-ranking', 'programme-network'];
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('programme dashboard for a manager (real service, Chromium)', () => {
  let svc: ServiceHarness;
  let browser: Browser;
  let w: WatchedPage;
  const api = async (path: string, key = 'manager') => {
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

  it('signs in and draws every panel with data', async () => {
    await signIn(w.page, svc.url, 'programme', 'secret-manager');
    const states = await waitForPanels(w.page);
    expect(Object.keys(states).sort()).toEqual([...PANELS].sort());
    for (const id of PANELS) expect([id, states[id].state]).toEqual([id, 'rendered']);
    await w.page.getByText('SYNTHETIC DEMO DATA — not real cases').waitFor();
    const network = await chartSvg(w.page, 'programme-network');
    const pairs = await api('/v1/indicators/referral.acknowledgement?groupBy=country,toCountry');
    for (const r of pairs.rows) {
      expect(network).toContain(`>${r.country}<`);
      expect(network).toContain(`>${r.toCountry}<`);
    }
    console.log(`screenshot: ${await screenshot(w.page, 'programme')}`);
  });

  it('marks suppressed cells as suppressed, never as zero', async () => {
    const reach = await api('/v1/indicators/sop.reach?groupBy=country');
    const suppressed = reach.rows.filter((r: { suppressed: boolean }) => r.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.every((r: { value: unknown; numerator: unknown }) => r.value === null && r.numerator === null)).toBe(true);
    const matrix = await chartSvg(w.page, 'programme-matrix');
    expect(count(matrix, '>suppr.<')).toBe(suppressed.length);
    // A country whose every SOP cell is suppressed shows no percentage at all, in particular no 0%.
    const csv = parseCsv((await exportText(w.page, 'programme-matrix', 'csv')).text);
    const hidden = csv.filter((r) => r.suppressed === 'true');
    expect(hidden.length).toBe(suppressed.length);
    for (const r of hidden) expect([r.numerator, r.denominator, r.value, r.ci95_low, r.ci95_high]).toEqual(['', '', '', '', '']);
    // The ranking lists suppressed countries with a "suppressed" tag instead of a point.
    const ranked = await api('/v1/indicators/measure.delivery?measure=SOP1.M1&groupBy=country');
    const rankedHidden = ranked.rows.filter((r: { suppressed: boolean }) => r.suppressed).length;
    expect(count(await chartSvg(w.page, 'programme-ranking'), '>suppressed<')).toBe(rankedHidden);
    // The filter summary says suppression is in force for this role.
    await w.page.getByText(/Cells under 5 cases are suppressed for your role/).waitFor();
  });

  it('exports the ranking as CSV exactly as the API returned it', async () => {
    const csv = parseCsv((await exportText(w.page, 'programme-ranking', 'csv')).text);
    const byCountry = await api('/v1/indicators/measure.delivery?measure=SOP1.M1&groupBy=country');
    const overall = await api('/v1/indicators/measure.delivery?measure=SOP1.M1');
    const expected = [...byCountry.rows, ...overall.rows].map((r) => ({
      country: csvValue(r.country), measure: r.measure, numerator: csvValue(r.numerator), denominator: csvValue(r.denominator),
      value: csvValue(r.value), ci95_low: csvValue(r.ci95?.[0]), ci95_high: csvValue(r.ci95?.[1]), suppressed: csvValue(r.suppressed),
    }));
    expect(csv.map((r) => ({
      country: r.country, measure: r.measure, numerator: r.numerator, denominator: r.denominator, value: r.value,
      ci95_low: r.ci95_low, ci95_high: r.ci95_high, suppressed: r.suppressed,
    }))).toEqual(expected);
  });

  it('changing the ranked indicator and a filter updates the chart and the URL', async () => {
    let before = await panelStates(w.page);
    await w.page.selectOption('[data-panel="programme-ranking"] select[name="rank"]', 'sop.reach');
    await w.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } } }).document;
      return doc.querySelector('[data-panel="programme-ranking"]').getAttribute('data-state') === 'rendered';
    });
    await w.page.waitForURL(/rank=sop\.reach/);
    expect(await chartSvg(w.page, 'programme-ranking')).toContain('SOP reach · SOP 1');
    before = await panelStates(w.page);
    await w.page.fill('input[name="from"]', '2025-01-01');
    await w.page.dispatchEvent('input[name="from"]', 'change');
    const after = await waitForPanels(w.page, before);
    for (const id of PANELS) expect(after[id].state).toBe('rendered');
    const url = new URL(w.page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('rank')]).toEqual(['2025-01-01', 'sop.reach']);
    expect(w.requests.some((u) => u.includes('/v1/indicators/sop.reach') && u.includes('from=2025-01-01'))).toBe(true);
  });

  it('counts the cases in the country list as of the chosen knowledge time', async () => {
    const before = await panelStates(w.page);
    const asOf = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 16);
    await w.page.fill('input[name="asOf"]', asOf);
    await w.page.dispatchEvent('input[name="asOf"]', 'change');
    await waitForPanels(w.page, before);
    const then = await api(`/v1/indicators/case.count?groupBy=country&asOf=${asOf}:00Z`);
    const now = await api('/v1/indicators/case.count?groupBy=country');
    const de = (a: { rows: { country: string; count: number }[] }) => a.rows.find((r) => r.country === 'DE')!.count;
    expect(de(then)).toBeLessThan(de(now));
    await w.page.waitForFunction((label) => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
      return Array.from(doc.querySelectorAll('select[name="country"] option')).some((o) => o.textContent === label);
    }, `DE (${de(then)} cases)`, { timeout: 10_000 });
    const dated = await panelStates(w.page);
    await w.page.fill('input[name="asOf"]', '');
    await w.page.dispatchEvent('input[name="asOf"]', 'change');
    await waitForPanels(w.page, dated);
  });

  it('serves any panel as SVG for reports, with the caller\'s scope and suppression', async () => {
    const res = await fetch(`${svc.url}/v1/panels/programme-matrix.svg?width=1000`, { headers: svc.auth('manager') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expectWellFormedSvg(svg);
    expect(svg).toContain('width="1000"');
    expect(svg).toContain('>suppr.<');
    expect(svg).toContain('>DE<');
    const bg = await fetch(`${svc.url}/v1/panels/rapporteur-heatmap.svg?country=BG`, { headers: svc.auth('rapporteur-bg') });
    expect(bg.status).toBe(200);
    const bgSvg = await bg.text();
    expectWellFormedSvg(bgSvg);
    expect(bgSvg).toMatch(/\d+%/);
    expect((await fetch(`${svc.url}/v1/panels/rapporteur-heatmap.svg?country=IT`, { headers: svc.auth('rapporteur-bg') })).status).toBe(403);
    expect((await fetch(`${svc.url}/v1/panels/programme-matrix.svg`)).status).toBe(401);
    expect((await fetch(`${svc.url}/v1/panels/programme-matrix.svg`, { headers: svc.auth('submitter') })).status).toBe(403);
    expect((await fetch(`${svc.url}/v1/panels/no-such-panel.svg`, { headers: svc.auth('manager') })).status).toBe(404);
    expect((await fetch(`${svc.url}/v1/panels/audit-case-timeline.svg`, { headers: svc.auth('auditor') })).status).toBe(404);
  });

  it('serves every server-rendered panel as well-formed SVG, as the dashboards\' SVG buttons export it', async () => {
    const ids = Object.values(sharedPanels.byId).filter((p) => p.ssr !== false).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(8);
    for (const id of ids) {
      const res = await fetch(`${svc.url}/v1/panels/${id}.svg?country=BG&asOf=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}`, { headers: svc.auth('auditor') });
      expect([id, res.status]).toEqual([id, 200]);
      expectWellFormedSvg(await res.text());
    }
    for (const id of PANELS) expectWellFormedSvg((await exportText(w.page, id, 'svg')).text);
  });

  it('serves the pages and assets with their content types, from this origin only', async () => {
    const page = await fetch(`${svc.url}/dashboards/programme`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const echarts = await fetch(`${svc.url}/dashboards/assets/echarts.min.js`);
    expect([echarts.status, echarts.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await fetch(`${svc.url}/dashboards/assets/dashboard.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${svc.url}/dashboards/assets/..%2Fserver%2Fdashboards.module.ts`)).status).toBe(404);
    expect((await fetch(`${svc.url}/dashboards/nowhere`)).status).toBe(404);
  });

  it('logged no console error and sent no request beyond localhost', async () => {
    expect(w.errors).toEqual([]);
    expect(externalRequests(w.requests, svc.url)).toEqual([]);
  });
});
