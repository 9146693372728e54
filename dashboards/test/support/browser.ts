import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A 1280-px page that records every request URL and every console error or page error. */
export interface WatchedPage {
  page: Page;
  requests: string[];
  errors: string[];
}

export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, requests, errors };
}

/** Every request went to the service on localhost (or stayed inside the page: data:, blob:). */
export function externalRequests(requests: string[], serviceUrl: string): string[] {
  const host = new URL(serviceUrl).host;
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.host !== host || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  });
}

export async function signIn(page: Page, serviceUrl: string, dashboard: string, secret: string, query = ''): Promise<void> {
  await page.goto(`${serviceUrl}/dashboards/${dashboard}${query}`);
  await page.getByLabel('API key').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Panel id → its render sequence number, state and overlay text. */
export async function panelStates(page: Page): Promise<Record<string, { seq: number; state: string; message: string }>> {
  return page.$$eval('[data-panel]', (els) => Object.fromEntries(els.map((e) => [
    e.getAttribute('data-panel'),
    { seq: Number(e.getAttribute('data-seq') ?? 0), state: e.getAttribute('data-state') ?? '', message: e.querySelector('.overlay')?.textContent ?? '' },
  ])));
}

/**
 * Waits until every panel has finished a render newer than `after` (ECharts' `finished` event
 * sets data-state="rendered"; a panel with nothing to draw says why in state "empty").
 */
export async function waitForPanels(page: Page, after: Record<string, { seq: number }> = {}, timeout = 60_000): Promise<Record<string, { seq: number; state: string; message: string }>> {
  await page.waitForFunction((prev) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document;
    const els = Array.from(doc.querySelectorAll('[data-panel]'));
    return els.length > 0 && els.every((e) => {
      const id = e.getAttribute('data-panel')!;
      const seq = Number(e.getAttribute('data-seq') ?? 0);
      return seq > (prev[id]?.seq ?? 0) && ['rendered', 'empty', 'error'].includes(e.getAttribute('data-state') ?? '');
    });
  }, after, { timeout });
  return panelStates(page);
}

/** The SVG markup ECharts drew in a panel. */
export function chartSvg(page: Page, panelId: string): Promise<string> {
  return page.$eval(`[data-panel="${panelId}"] .chart svg`, (svg) => svg.outerHTML);
}

/** Clicks a panel's export button and returns the downloaded file's text. */
export async function exportText(page: Page, panelId: string, kind: 'csv' | 'svg' | 'drill-csv'): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-panel="${panelId}"] [data-export="${kind}"]`),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF) for checking exports. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** The CSV text of an API value: numbers as JavaScript prints them, null as empty. */
export function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join('|') : String(v);
}

/** Waits (bounded) until a condition holds: the projector and the browser are asynchronous. */
export async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
