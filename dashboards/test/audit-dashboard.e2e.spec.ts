import { pseudonymousCaseId } from '@trm/domain';
import { pseudonymSecret } from '@trm/runtime';
import type { Browser } from 'playwright-core';
import {
  chartSvg, exportText, externalRequests, launchBrowser, openPage, parseCsv, screenshot, signIn, until, waitForPanels,
} from './support/browser';
import type { WatchedPage } from './support/browser';
import { runToExit } from '@trm/testing/service/server-process';
import { SAMPLE_CASE, startDemoService } from './support/demo-service';
import type { ServiceHarness } from './support/demo-service';

const PANELS = ['audit-case-timeline', 'audit-submissions', 'audit-integrity', 'audit-as-of'];

describe('audit dashboard for an auditor (real service, Chromium)', () => {
  let svc: ServiceHarness;
  let browser: Browser;
  let w: WatchedPage;
  let caseId: string;
  let asOf: string;
  const api = async (path: string, init: RequestInit = {}) => {
    const r = await fetch(`${svc.url}${path}`, { ...init, headers: { ...svc.auth('auditor'), 'content-type': 'application/json', ...init.headers } });
    expect(r.status).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    [svc, browser] = await Promise.all([startDemoService(400), launchBrowser()]);
    w = await openPage(browser);
    caseId = pseudonymousCaseId(pseudonymSecret(svc.dataDir), SAMPLE_CASE.country, SAMPLE_CASE.caseRef);
    // A knowledge time 60 days back: the demo history was recorded over two years, so figures moved since.
    asOf = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 16) + ':00Z';
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close(true);
  });

  it('signs in and draws every panel with data: case timeline, submissions, integrity, as-of', async () => {
    await signIn(w.page, svc.url, 'audit', 'secret-auditor', `?case=${caseId}&asOf=${encodeURIComponent(asOf)}`);
    const states = await waitForPanels(w.page);
    expect(Object.keys(states).sort()).toEqual([...PANELS].sort());
    for (const id of PANELS) expect([id, states[id].state]).toEqual([id, 'rendered']);
    await w.page.getByText('SYNTHETIC DEMO DATA — not real cases').waitFor();
    await expect(w.page.inputValue('input[name="asOf"]')).resolves.toBe(asOf.slice(0, 16));
  });

  it('shows the case history with the retracted event marked', async () => {
    const history = await api(`/v1/audit/cases/${caseId}/events`);
    expect(history.events.length).toBe(4);
    const rows = await w.page.$$eval('[data-panel="audit-case-timeline"] tbody tr', (trs) => trs.map((t) => ({ cls: t.className, text: t.textContent })));
    expect(rows.length).toBe(history.events.length);
    const retracted = history.events.filter((e: { retractedBy?: object }) => e.retractedBy);
    expect(rows.filter((r) => r.cls === 'retracted').length).toBe(retracted.length);
    const svg = await chartSvg(w.page, 'audit-case-timeline');
    expect(svg).toContain('(retracted)');
    expect(svg).toContain('as of');
    const csv = parseCsv((await exportText(w.page, 'audit-case-timeline', 'csv')).text);
    expect(csv.map((r) => [r.eventId, r.type, r.recordedAt, r.hash, r.retractedBy])).toEqual(
      history.events.map((e: { eventId: string; type: string; recordedAt: string; hash: string; retractedBy?: { eventId: string } }) => [e.eventId, e.type, e.recordedAt, e.hash, e.retractedBy?.eventId ?? '']),
    );
  });

  it('lists the submissions as the API does', async () => {
    const { submissions } = await api('/v1/audit/submissions?limit=50');
    expect(submissions.length).toBeGreaterThanOrEqual(3);
    const csv = parseCsv((await exportText(w.page, 'audit-submissions', 'csv')).text);
    expect(csv.map((r) => [r.submissionId, r.accepted, r.duplicates, r.rejectedCount])).toEqual(
      submissions.map((s: { submissionId: string; accepted: number; duplicates: number; rejectedCount: number }) => [s.submissionId, String(s.accepted), String(s.duplicates), String(s.rejectedCount)]),
    );
    expect(await w.page.$$eval('[data-panel="audit-submissions"] tbody tr.warn', (t) => t.length)).toBe(submissions.filter((s: { rejectedCount: number }) => s.rejectedCount > 0).length);
  });

  it('holds every submission a demo event names: the API finds it, the CLI exports it', async () => {
    const gaps = await api('/v1/gaps?country=BG&measure=SOP1.M1&detail=cases');
    const demoCase = gaps.rows.flatMap((r: { caseIds?: string[] }) => r.caseIds ?? [])[0];
    expect(demoCase).toBeTruthy();
    const history = await api(`/v1/audit/cases/${demoCase}/events`);
    const named = [...new Set(history.events.map((e: { submissionId: string }) => e.submissionId))] as string[];
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) {
      const s = await api(`/v1/audit/submissions/${id}`);
      expect(s).toMatchObject({ submissionId: id, keyId: 'demo-submitter', channel: 'http' });
      // Received when its events were recorded (the simulated reporting day), not when the demo was loaded.
      const recorded = history.events.filter((e: { submissionId: string }) => e.submissionId === id).map((e: { recordedAt: string }) => e.recordedAt);
      expect(recorded).toContain(s.receivedAt);
    }
    // The command line reads the audit log beside the running service (no warehouse lock).
    const cli = await runToExit('apps/cli/src/main.ts', ['export', 'submission', named[0]], { TRM_DATA_DIR: svc.dataDir, TRM_KEYS_FILE: '' });
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ submissionId: named[0], keyId: 'demo-submitter' });
  });

  it('draws a one-event submission and a few duplicates as visible bars on the log scale', async () => {
    const drawn = await w.page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; echarts: { getInstanceByDom(e: unknown): { getOption(): { yAxis: { min: number }[]; series: { name: string; stack?: string; data: (number | null)[] }[] } } } };
      const o = g.echarts.getInstanceByDom(g.document.querySelector('[data-panel="audit-submissions"] .chart')).getOption();
      return { min: o.yAxis[0].min, series: o.series.map((x) => ({ name: x.name, stack: x.stack ?? null, values: x.data.filter((v) => v !== null) })) };
    });
    const values = drawn.series.flatMap((x) => x.values);
    // The HTTP sample has submissions of 1 rejected event and of 1 duplicate.
    expect(values).toContain(1);
    for (const v of values) expect(v).toBeGreaterThan(drawn.min);
    expect(drawn.series.map((x) => x.stack)).toEqual([null, null, null]);
  });

  it('says nothing undefined when no case and no "as of" time are chosen', async () => {
    const other = await openPage(browser);
    await signIn(other.page, svc.url, 'audit', 'secret-auditor');
    const states = await waitForPanels(other.page);
    expect(states['audit-case-timeline'].message).toMatch(/^Enter a case id above/);
    expect(states['audit-as-of'].message).toMatch(/^Choose an "As of" time/);
    const text = await other.page.textContent('main') ?? '';
    expect(text).not.toMatch(/undefined|stored event\(s\) of case\s*$|of case\s/m);
    expect(text).not.toContain('No figure of this panel changed');
    console.log(`screenshot: ${await screenshot(other.page, 'audit-no-case')}`);
    await other.page.context().close();
  });

  it('shows what a panel showed as of the chosen time, and what changed since', async () => {
    const svg = await chartSvg(w.page, 'audit-as-of');
    expect(svg).toContain(`as of ${asOf}`);
    const then = await api(`/v1/indicators/measure.compliance?asOf=${encodeURIComponent(asOf)}`);
    const now = await api('/v1/indicators/measure.compliance');
    expect(svg).toContain(`>${(then.rows.find((r: { measure: string }) => r.measure === "SOP1.M1").value * 100).toFixed(0)}%<`);
    const csv = parseCsv((await exportText(w.page, 'audit-as-of', 'csv')).text);
    const compliance = csv.filter((r) => r.indicator === 'measure.compliance');
    expect(compliance.filter((r) => r.knowledge === 'as of').map((r) => [r.measure, r.numerator, r.denominator]))
      .toEqual(then.rows.map((r: { measure: string; numerator: number; denominator: number }) => [r.measure, String(r.numerator), String(r.denominator)]));
    expect(compliance.filter((r) => r.knowledge === 'now').map((r) => [r.measure, r.numerator, r.denominator]))
      .toEqual(now.rows.map((r: { measure: string; numerator: number; denominator: number }) => [r.measure, String(r.numerator), String(r.denominator)]));
    await w.page.getByText(/figure\(s\) changed between/).waitFor();
  });

  it('runs verify and replay from the buttons and shows the outcome', async () => {
    await w.page.click('[data-action="verify"]');
    await until(async () => /Finished/.test(await w.page.textContent('[data-action-status="verify"]') ?? ''), 60_000);
    expect(await w.page.textContent('[data-action-status="verify"]')).toBe('Finished: OK');
    await w.page.click('[data-action="replay"]');
    await until(async () => /Finished|may not|does not/.test(await w.page.textContent('[data-action-status="replay"]') ?? ''), 90_000);
    expect(await w.page.textContent('[data-action-status="replay"]')).toBe('Finished: OK');
    await until(async () => (await w.page.getAttribute('[data-panel="audit-integrity"]', 'data-state')) === 'rendered');
    const svg = await chartSvg(w.page, 'audit-integrity');
    expect(svg).toMatch(/OK · \d+ events checked, no problem/);
    expect(svg).toMatch(/OK · \d+ events replayed, no difference/);
    const csv = parseCsv((await exportText(w.page, 'audit-integrity', 'csv')).text);
    const head = (await fetch(`${svc.url}/health`, { headers: svc.auth('auditor') }).then((r) => r.json())).components.eventStore.head;
    expect(csv.find((r) => r.check === 'verify' && r.ok)).toMatchObject({ ok: 'true', checked: String(head), problems: '0' });
    expect(csv.find((r) => r.check === 'replay' && r.ok)).toMatchObject({ ok: 'true', differences: '0' });
    console.log(`screenshot: ${await screenshot(w.page, 'audit')}`);
  });

  it('tells a manager that the audit panels are not for their role', async () => {
    const other = await openPage(browser);
    await signIn(other.page, svc.url, 'audit', 'secret-manager', `?case=${caseId}`);
    const states = await waitForPanels(other.page);
    expect(states['audit-submissions'].state).toBe('error');
    expect(states['audit-submissions'].message).toMatch(/may not read this \(403\)/);
    expect(states['audit-case-timeline'].message).toMatch(/403/);
    expect(externalRequests(other.requests, svc.url)).toEqual([]);
    await other.page.context().close();
  });

  it('logged no console error and sent no request beyond localhost', async () => {
    expect(w.errors).toEqual([]);
    expect(externalRequests(w.requests, svc.url)).toEqual([]);
  });
});
