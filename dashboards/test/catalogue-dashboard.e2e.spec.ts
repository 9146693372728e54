import type { Browser, Page } from 'playwright-core';
import { chartSvg, externalRequests, launchBrowser, openPage, panelStates, screenshot, signIn, waitForPanels } from './support/browser';
import type { WatchedPage } from './support/browser';
import { expectWellFormedSvg } from './support/well-formed-svg';
import { startDemoService } from './support/demo-service';
import type { ServiceHarness } from './support/demo-service';

interface Listed { id: string; kind: string; country: string | null; base: string | null; effectiveFrom: string; publishedAt: string | null }

const notAdoptedCells = (svg: string) => svg.split('>not adopted<').length - 1;
/** A measure title no page may turn into markup. */
const HOSTILE = '<img src=x onerror="globalThis.__pwned=1">Reasonable grounds & "quotes" </td><script>globalThis.__pwned=2</script>';

/** Waits until a catalogue page part (list, document, diff) has finished loading. */
async function catalogueRendered(page: Page, part: string, attr?: [string, string]): Promise<void> {
  await page.waitForFunction(([p, a]) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
    const e = doc.querySelector(`[data-catalogue="${p}"]`);
    return !!e && e.getAttribute('data-state') === 'rendered' && (!a || e.getAttribute(a[0]) === a[1]);
  }, [part, attr] as const, { timeout: 20_000 });
}

/** The rows of a catalogue page table as text cells. */
function tableRows(page: Page, part: string): Promise<string[][]> {
  type Cell = { textContent: string | null };
  type Row = { querySelectorAll(s: string): ArrayLike<Cell> };
  return page.$$eval(`[data-catalogue="${part}"] tbody tr`, (trs) => (trs as unknown as Row[]).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
}

describe('catalogue documents on the dashboards (real service, Chromium)', () => {
  let svc: ServiceHarness;
  let browser: Browser;
  let w: WatchedPage;
  let documents: Listed[];
  const api = async (path: string, key = 'admin') => {
    const r = await fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
    expect([path, r.status]).toEqual([path, 200]);
    return r.json();
  };

  beforeAll(async () => {
    [svc, browser] = await Promise.all([startDemoService(600), launchBrowser()]);
    w = await openPage(browser);
    documents = (await api('/v1/catalogue')).documents;
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close(true);
  });

  it('the demo data published three national profiles and a second baseline, inside its timeline', () => {
    expect(documents.map((d) => [d.id, d.kind, d.country])).toEqual([
      ['trm-baseline-1', 'baseline', null], ['trm-BG-1', 'national', 'BG'], ['trm-baseline-2', 'baseline', null], ['trm-IT-1', 'national', 'IT'],
      ['trm-RO-1', 'national', 'RO'],
    ]);
    for (const d of documents.slice(1)) expect(Date.parse(d.publishedAt!)).toBeLessThan(Date.now());
  });

  it('the rapporteur page names the document governing its country and since when, and marks the measure BG does not adopt', async () => {
    const bg = documents.find((d) => d.id === 'trm-BG-1')!;
    await signIn(w.page, svc.url, 'rapporteur', 'secret-rapporteur-bg');
    await waitForPanels(w.page);
    const line = await w.page.textContent('[data-catalogue-governing]');
    expect(line).toContain(`national profile trm-BG-1 (on trm-baseline-1), in effect since ${bg.effectiveFrom}`);
    expect(line).toContain('Not adopted here: SOP2.M7');
    // Compliance and delivery of SOP2.M7: "not adopted", distinct from a percentage and from "no cases" (–).
    const heat = await chartSvg(w.page, 'rapporteur-heatmap');
    expect(notAdoptedCells(heat)).toBe(2);
    expect(heat).toMatch(/>\d+%</);
    // catalogueVersions of the answers, where the service gives them, are listed under the line.
    const answer = await api('/v1/indicators/measure.compliance?country=BG', 'rapporteur-bg');
    if (Array.isArray(answer.catalogueVersions) && answer.catalogueVersions.length) {
      await w.page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { hidden: boolean } } }).document.querySelector('[data-catalogue-versions]').hidden);
      for (const v of answer.catalogueVersions) expect(await w.page.textContent('[data-catalogue-versions]')).toContain(v);
    }
    console.log(`screenshot: ${await screenshot(w.page, 'rapporteur-dashboard-issue-15')}`);
  });

  it('as of a time before the profile was published, the rapporteur page shows the baseline and no "not adopted" cell', async () => {
    const bg = documents.find((d) => d.id === 'trm-BG-1')!;
    const before = await panelStates(w.page);
    const asOf = new Date(Date.parse(bg.publishedAt!) - 86_400_000).toISOString().slice(0, 16);
    await w.page.fill('input[name="asOf"]', asOf);
    await w.page.dispatchEvent('input[name="asOf"]', 'change');
    await waitForPanels(w.page, before);
    expect(await w.page.textContent('[data-catalogue-governing]')).toContain('baseline trm-baseline-1, in effect from the start');
    expect(notAdoptedCells(await chartSvg(w.page, 'rapporteur-heatmap'))).toBe(0);
    const dated = await panelStates(w.page);
    await w.page.fill('input[name="asOf"]', '');
    await w.page.dispatchEvent('input[name="asOf"]', 'change');
    await waitForPanels(w.page, dated);
    expect(await w.page.getAttribute('[data-catalogue-governing]', 'data-governing')).toBe('trm-BG-1');
  });

  it('the server-rendered heatmap marks the same cells', async () => {
    const res = await fetch(`${svc.url}/v1/panels/rapporteur-heatmap.svg?country=BG`, { headers: svc.auth('rapporteur-bg') });
    expect(res.status).toBe(200);
    const svg = await res.text();
    expectWellFormedSvg(svg);
    expect(notAdoptedCells(svg)).toBe(2);
  });

  it('the programme ranking leaves a country out on a measure it does not adopt, marked "not adopted"', async () => {
    const p = await openPage(browser);
    await signIn(p.page, svc.url, 'programme', 'secret-manager', '?rank=measure.delivery&rankMeasure=SOP3.M5');
    await waitForPanels(p.page);
    const ranking = await chartSvg(p.page, 'programme-ranking');
    expect(notAdoptedCells(ranking)).toBe(1);
    expect(ranking).toContain('>IT<');
    expect(ranking).not.toContain('>IT (n=');
    console.log(`screenshot: ${await screenshot(p.page, 'programme-dashboard-issue-15')}`);
    expect(p.errors).toEqual([]);
    await p.page.context().close();
  });

  it('the catalogue page shows the documents, one resolved, and the diff of two — a re-timed and an added measure — with free text escaped', async () => {
    // An admin publishes a third baseline (far in the future: it governs no case) whose titles are hostile.
    const base = await api('/v1/catalogue/trm-baseline-2');
    const measures = base.measures.map((m: { code: string; sop: number; title: string; appliesTo: string[]; deadline: object | null; before?: string; actors: string[] }) => ({
      code: m.code, sop: m.sop, title: m.code === 'SOP1.M1' ? HOSTILE : m.title, appliesTo: m.appliesTo, actors: m.actors,
      ...(m.before ? { before: m.before } : {}),
      ...(m.code === 'SOP1.M5' ? { deadline: { anchor: 'SOP1.M1', within: 'P40D' } } : m.deadline ? { deadline: m.deadline } : {}),
    }));
    measures.push({ code: 'SOP1.M9', sop: 1, title: `${HOSTILE} (new)`, appliesTo: ['all'], actors: ['ngo'], deadline: { anchor: 'case.opened', within: 'P10D' } });
    const published = await fetch(`${svc.url}/v1/catalogue`, {
      method: 'POST', headers: { ...svc.auth('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'trm-baseline-3', kind: 'baseline', effectiveFrom: '2099-01-01', measures }),
    });
    expect(published.status).toBe(201);

    const c = await openPage(browser);
    await signIn(c.page, svc.url, 'catalogue', 'secret-admin', '?doc=trm-baseline-3&from=trm-baseline-2&to=trm-baseline-3');
    await Promise.all([catalogueRendered(c.page, 'list'), catalogueRendered(c.page, 'document', ['data-document', 'trm-baseline-3']), catalogueRendered(c.page, 'diff')]);
    expect((await tableRows(c.page, 'list')).map((r) => r[0])).toEqual(['trm-baseline-1', 'trm-BG-1', 'trm-baseline-2', 'trm-IT-1', 'trm-RO-1', 'trm-baseline-3']);
    const diff = await tableRows(c.page, 'diff');
    expect(diff).toContainEqual(['re-timed', 'SOP1.M5', 'P45D after SOP1.M1', 'P40D after SOP1.M1']);
    expect(diff).toContainEqual(['added', 'SOP1.M9', '—', `${HOSTILE} (new) · P10D after case.opened`]);
    expect(diff).toContainEqual(['title changed', 'SOP1.M1', base.measures[0].title, HOSTILE]);
    // The hostile titles are text: shown verbatim, no element made of them, no script run.
    const doc = await tableRows(c.page, 'document');
    expect(doc.find((r) => r[0] === 'SOP1.M1')![2]).toBe(HOSTILE);
    expect(await c.page.$$eval('[data-catalogue-section] img, [data-catalogue-section] script', (els) => els.length)).toBe(0);
    expect(await c.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    console.log(`screenshot: ${await screenshot(c.page, 'catalogue-page-diff-issue-15')}`);

    // A national profile resolved: its measure not adopted and its national deadlines; the diff against its base.
    await c.page.selectOption('select[name="doc"]', 'trm-IT-1');
    await catalogueRendered(c.page, 'document', ['data-document', 'trm-IT-1']);
    const it = await tableRows(c.page, 'document');
    expect(it.find((r) => r[0] === 'SOP3.M5')![6]).toBe('not adopted');
    expect(it.find((r) => r[0] === 'SOP4.M8')![4]).toBe('no deadline');
    expect(await c.page.textContent('[data-catalogue="document-head"]')).toContain('national profile trm-IT-1 (on trm-baseline-2), in effect since');
    await c.page.selectOption('select[name="from"]', 'trm-baseline-2');
    await c.page.selectOption('select[name="to"]', 'trm-IT-1');
    await catalogueRendered(c.page, 'diff', ['data-diff', 'trm-baseline-2..trm-IT-1']);
    const itDiff = await tableRows(c.page, 'diff');
    expect(itDiff).toContainEqual(['not adopted', 'SOP3.M5', 'adopted', 'not adopted']);
    expect(itDiff).toContainEqual(['deadline removed', 'SOP4.M8', 'P90D after case.opened', 'no deadline']);
    expect(itDiff).toContainEqual(['re-timed', 'SOP1.M4', 'P3D after SOP1.M1', 'P5D after SOP1.M1']);
    expect(new URL(c.page.url()).searchParams.get('to')).toBe('trm-IT-1');
    console.log(`screenshot: ${await screenshot(c.page, 'catalogue-page-issue-15')}`);
    expect(c.errors).toEqual([]);
    expect(externalRequests(c.requests, svc.url)).toEqual([]);
    await c.page.context().close();
  });

  it('any role reads the catalogue page: a rapporteur signs in to it; ids in the URL that name no document are ignored', async () => {
    const r = await openPage(browser);
    const hostile = `?doc=${encodeURIComponent('<script>globalThis.__pwned=3</script>')}&from=${encodeURIComponent('../../v1/audit/replay')}&to=trm-IT-1`;
    await signIn(r.page, svc.url, 'catalogue', 'secret-rapporteur-it', hostile);
    await catalogueRendered(r.page, 'list');
    // The unknown ids fall back to the defaults (the latest document; the baseline before the latest one); the valid one is kept.
    await catalogueRendered(r.page, 'diff', ['data-diff', 'trm-baseline-2..trm-IT-1']);
    await catalogueRendered(r.page, 'document', ['data-document', 'trm-baseline-3']);
    expect((await tableRows(r.page, 'list')).length).toBe(6);
    expect(await r.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(r.requests.filter((u) => u.includes('/v1/') && !u.includes('/v1/catalogue'))).toEqual([]);
    expect(r.errors).toEqual([]);
    await r.page.context().close();
  });

  it('logged no console error and sent no request beyond localhost', () => {
    expect(w.errors).toEqual([]);
    expect(externalRequests(w.requests, svc.url)).toEqual([]);
  });
});
