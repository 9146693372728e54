import type { Browser } from 'playwright-core';
import {
  chartSvg, csvValue, exportText, externalRequests, launchBrowser, openPage, panelStates, parseCsv, screenshot, signIn, waitForPanels,
} from './support/browser';
import type { WatchedPage } from './support/browser';
import { expectWellFormedSvg } from './support/well-formed-svg';
import { sharedPanels } from '../server/panel-svg.renderer';
import { startDemoService } from './support/demo-service';
import type { ServiceHarness } from './support/demo-service';

const PANELS = ['programme-matrix', 'programme-ranking', 'programme-network', 'programme-referral-pairs', 'programme-feedback-outcomes'];
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
    // Loops by pair in both directions, and feedback outcomes per pair, from the published figures.
    const loops = await chartSvg(w.page, 'programme-referral-pairs');
    const fb = await api('/v1/indicators/referral.feedback?groupBy=country,toCountry');
    expect(fb.rows.length).toBeGreaterThan(0);
    for (const r of fb.rows) {
      expect(loops).toContain(`>${r.country}<`);
      expect(loops).toContain(`>${Math.round(r.value * 100)}%<`);
    }
    const outcomes = await api('/v1/indicators/referral.feedback_outcome?groupBy=country,toCountry');
    const outcomeSvg = await chartSvg(w.page, 'programme-feedback-outcomes');
    for (const r of outcomes.rows) expect(outcomeSvg).toContain(`${r.country} → ${r.toCountry}`);
    console.log(`screenshot: ${await screenshot(w.page, 'programme')}`);
  });

  it('shows the disclosure-control note on every panel and labels absent cells "fewer than k, or none", never zero', async () => {
    const reach = await api('/v1/indicators/sop.reach?groupBy=country');
    expect(reach.disclosureControl).toEqual({ k: 5, method: 'cell-key', asOfRounded: true });
    expect(reach.rows.every((r: { suppressed?: boolean; denominator: number }) => r.suppressed === undefined && r.denominator >= 5)).toBe(true);
    // Withheld (or empty) cells of the countries shown: places without a row (sop.reach shares its
    // denominator across SOPs, so a country is usually shown whole or not at all; the SVG unit test
    // draws absent cells).
    const countries = new Set(reach.rows.map((r: { country: string }) => r.country));
    const absent = countries.size * 5 - reach.rows.length;
    const matrix = await chartSvg(w.page, 'programme-matrix');
    expect(count(matrix, 'or none<')).toBe(absent);
    expect(matrix).not.toContain('>suppr.<');
    for (const id of PANELS) {
      const note = await w.page.textContent(`[data-panel="${id}"] .disclosure-note`);
      expect([id, note]).toEqual([id, expect.stringContaining('Disclosure control (cell-key method, k = 5)')]);
      expect(await chartSvg(w.page, id)).toContain('Disclosure control (cell-key method, k = 5)');
    }
    // The SVG export is the chart, note included; the CSV holds the published figures only.
    expect((await exportText(w.page, 'programme-matrix', 'svg')).text).toContain('Disclosure control');
    const csv = parseCsv((await exportText(w.page, 'programme-matrix', 'csv')).text);
    expect(csv.length).toBe(reach.rows.length);
    expect(csv.every((r) => Number(r.denominator) >= 5 && r.suppressed === undefined)).toBe(true);
    // The filter summary says so; the period pickers are months, the knowledge time a day.
    await w.page.getByText(/a cell or row not shown means fewer than 5, or none/).first().waitFor();
    expect(await w.page.getAttribute('input[name="from"]', 'type')).toBe('month');
    expect(await w.page.getAttribute('input[name="to"]', 'type')).toBe('month');
    expect(await w.page.getAttribute('input[name="asOf"]', 'type')).toBe('date');
  });

  it('exports the ranking as CSV exactly as the API returned it', async () => {
    const csv = parseCsv((await exportText(w.page, 'programme-ranking', 'csv')).text);
    const byCountry = await api('/v1/indicators/measure.delivery?measure=SOP1.M1&groupBy=country');
    const overall = await api('/v1/indicators/measure.delivery?measure=SOP1.M1');
    const expected = [...byCountry.rows, ...overall.rows].map((r) => ({
      country: csvValue(r.country), measure: r.measure, numerator: csvValue(r.numerator), denominator: csvValue(r.denominator),
      value: csvValue(r.value), ci95_low: csvValue(r.ci95?.[0]), ci95_high: csvValue(r.ci95?.[1]),
    }));
    expect(csv.map((r) => ({
      country: r.country, measure: r.measure, numerator: r.numerator, denominator: r.denominator, value: r.value,
      ci95_low: r.ci95_low, ci95_high: r.ci95_high,
    }))).toEqual(expected);
    // Intervals drawn from the published figures: the API's ci95 is the Wilson interval of the
    // published numerator and denominator.
    for (const r of byCountry.rows) {
      const z = 1.959964;
      const { numerator: x, denominator: n } = r;
      const centre = (x + z * z / 2) / (n + z * z);
      expect(r.ci95[0]).toBeCloseTo(centre - (z * Math.sqrt(x * (n - x) / n + z * z / 4)) / (n + z * z), 12);
    }
  });

  it('changing the ranked indicator and a filter updates the chart and the URL', async () => {
    await w.page.selectOption('[data-panel="programme-ranking"] select[name="rank"]', 'sop.reach');
    await w.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } } }).document;
      return doc.querySelector('[data-panel="programme-ranking"]').getAttribute('data-state') === 'rendered';
    });
    await w.page.waitForURL(/rank=sop\.reach/);
    expect(await chartSvg(w.page, 'programme-ranking')).toContain('SOP reach · SOP 1');
    const before = await panelStates(w.page);
    await w.page.fill('input[name="from"]', '2025-01');
    await w.page.dispatchEvent('input[name="from"]', 'change');
    const after = await waitForPanels(w.page, before);
    for (const id of PANELS) expect(after[id].state).toBe('rendered');
    const url = new URL(w.page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('rank')]).toEqual(['2025-01-01', 'sop.reach']);
    expect(w.requests.some((u) => u.includes('/v1/indicators/sop.reach') && u.includes('from=2025-01-01'))).toBe(true);
  });

  it('counts the cases in the country list as of the chosen knowledge time', async () => {
    const before = await panelStates(w.page);
    // A manager's "as of" is a day (knowledge at 00:00 UTC of it: disclosure control's coarse time).
    const asOf = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    await w.page.fill('input[name="asOf"]', asOf);
    await w.page.dispatchEvent('input[name="asOf"]', 'change');
    await waitForPanels(w.page, before);
    const then = await api(`/v1/indicators/case.count?groupBy=country&asOf=${asOf}`);
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
    expect(svg).toContain('Disclosure control (cell-key method, k = 5)');
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
