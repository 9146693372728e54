import type { ApiKey } from '@trm/auth';
import { CatalogueRegistry } from '@trm/catalogue';
import { CLOSURE_REASONS, DomainError, getCatalogue, REFERRAL_OUTCOMES } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { findIndicator } from '@trm/indicators';
import type { IndicatorQuery, IndicatorsService } from '@trm/indicators';
import { PanelsController } from '../server/panels.controller';
import { renderPanelSvg, sharedPanels } from '../server/panel-svg.renderer';
import { expectWellFormedSvg as assertWellFormedSvg } from './support/well-formed-svg';

const catalogue = getCatalogue()!;
const DIM_VALUES: Record<string, string[]> = {
  country: ['BG', 'CY', 'DE'], toCountry: ['IT', 'RO'], 'period:quarter': ['2025-Q1', '2025-Q2', '2025-Q3'],
  ageGroup: ['adult', 'child'], exploitation: ['labour', 'sexual'],
};

/**
 * Rows shaped like the API's for any indicator and grouping. Under disclosure control (a manager),
 * CY's rows outside SOP 1 have fewer than k cases and are left out, as the API does.
 */
function fakeRows(id: string, q: IndicatorQuery, controlled: boolean): Record<string, unknown>[] {
  const def = findIndicator(id)!;
  let rows: Record<string, unknown>[] = [{}];
  if (def.implicit.includes('measure')) {
    rows = catalogue.measures.filter((m) => id !== 'measure.days_to' && id !== 'measure.overdue' || m.deadline).map((m) => ({ measure: m.code, sop: m.sop }));
  } else if (def.implicit.includes('sop')) rows = catalogue.sops.map((s) => ({ sop: s.sop }));
  else if (def.implicit.includes('outcome')) rows = REFERRAL_OUTCOMES.map((outcome) => ({ outcome }));
  else if (def.implicit.includes('closureReason')) rows = CLOSURE_REASONS.map((closureReason) => ({ closureReason }));
  if (q.measures) rows = rows.filter((r) => q.measures!.includes(r.measure as string));
  for (const d of q.groupBy) {
    const name = d.startsWith('period:') ? 'period' : d;
    const values = q.countries && d === 'country' ? q.countries : DIM_VALUES[d] ?? ['x'];
    rows = rows.flatMap((r) => values.map((v) => ({ ...r, [name]: v })));
  }
  return rows.filter((r) => !(controlled && r.country === 'CY' && r.sop !== 1)).map((r, i) => {
    if (def.kind === 'count') return { ...r, count: 5 + (i % 7) };
    if (def.kind === 'distribution') return { ...r, n: 12, median: 0.5 + (i % 9), p90: 2 + (i % 9) * 3 };
    const numerator = 3 + (i % 5);
    return { ...r, numerator, denominator: 10, value: numerator / 10, ci95: [numerator / 10 - 0.2, numerator / 10 + 0.2] };
  });
}

/** IndicatorsService stand-in: records every query, answers like the real one. */
function fakeService(calls: { id: string; q: IndicatorQuery; key: ApiKey }[]): IndicatorsService {
  const answer = (id: string, q: IndicatorQuery, key: ApiKey) => ({
    indicator: id, asOf: q.asOf.toISOString(), from: null, to: null, catalogueVersion: 'trm-baseline-1', complete: true,
    suppression: { applied: key.role === 'manager', k: 5 }, rows: fakeRows(id, q, key.role === 'manager'),
    ...(key.role === 'manager' ? { disclosureControl: { k: 5, method: 'cell-key', asOfRounded: true } } : {}),
  });
  return {
    indicator: async (id: string, q: IndicatorQuery, key: ApiKey) => { calls.push({ id, q, key }); return answer(id, q, key); },
    gaps: async (q: IndicatorQuery, key: ApiKey) => { calls.push({ id: 'gaps', q, key }); return answer('measure.overdue', q, key); },
  } as unknown as IndicatorsService;
}

const KEYS: Record<string, ApiKey> = {
  manager: { id: 'manager', role: 'manager', countries: ['*'] },
  rapporteur: { id: 'rapporteur-bg', role: 'rapporteur', countries: ['BG'] },
  auditor: { id: 'auditor', role: 'auditor', countries: ['*'] },
};

/** A real (in-memory SQLite) event store: the catalogue stream the SVG endpoint reads. */
const stores: SqliteEventStore[] = [];
function emptyStore(): SqliteEventStore {
  const store = new SqliteEventStore({ path: ':memory:' });
  stores.push(store);
  return store;
}
afterAll(async () => { for (const s of stores) await s.close(); });

/** Publishes documents to a store's catalogue stream as the API does (the real registry), at the given knowledge times. */
async function publish(store: SqliteEventStore, docs: { doc: object; at: string }[]): Promise<void> {
  const registry = new CatalogueRegistry(store);
  for (const { doc, at } of docs) {
    const result = await registry.publish(doc, { id: 'admin', countries: ['*'] }, { recordedAt: new Date(at) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
}

describe('GET /v1/panels/{panelId}.svg (ECharts server-side rendering)', () => {
  const reply = { headers: {} as Record<string, string>, header(n: string, v: string) { this.headers[n] = v; return this; } };
  const store = emptyStore();
  const render = (file: string, raw: Record<string, string>, key: ApiKey, calls: { id: string; q: IndicatorQuery; key: ApiKey }[] = []) =>
    new PanelsController(fakeService(calls), store).svg(file, raw, key, reply);

  const serverPanels = Object.values(sharedPanels.byId).filter((p) => p.ssr !== false && p.dashboard !== 'audit');

  it.each(serverPanels.map((p) => [p.id]))('renders %s as a valid SVG with its data', async (id) => {
    const svg = await render(`${id}.svg`, { width: '900' }, KEYS.auditor);
    assertWellFormedSvg(svg);
    expect(svg).toContain('width="900"');
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(10);
    expect(svg).toMatch(/<text[^>]*>[^<]*\d/);
    expect(reply.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
  });

  it('draws the figures: percentages in the heatmap, the catalogue deadline in timeliness', async () => {
    const heat = await render('rapporteur-heatmap.svg', { country: 'BG' }, KEYS.rapporteur);
    for (const p of ['30%', '50%', '70%']) expect(heat).toContain(`>${p}<`);
    expect(await render('rapporteur-timeliness.svg', { country: 'BG' }, KEYS.rapporteur)).toContain('>Deadline<');
    const then = await render('audit-as-of.svg', { asOf: '2025-06-30T00:00:00Z', compare: 'programme-matrix' }, KEYS.auditor);
    assertWellFormedSvg(then);
    expect(then).toContain('as of 2025-06-30T00:00:00Z');
  });

  it('labels absent cells "fewer than k, or none" for a manager, never 0%, and carries the disclosure-control note', async () => {
    const svg = await render('programme-matrix.svg', {}, KEYS.manager);
    assertWellFormedSvg(svg);
    // CY's SOPs 2–5 were left out by disclosure control: absent cells, each labelled.
    expect(svg.split('or none<').length - 1).toBe(4);
    expect(svg).toContain('Disclosure control (cell-key method, k = 5)');
    const asAuditor = await render('programme-matrix.svg', {}, KEYS.auditor);
    expect(asAuditor).not.toContain('or none<');
    expect(asAuditor).not.toContain('Disclosure control');
    // Every server-rendered panel a manager can reach carries the note.
    for (const p of serverPanels) {
      const out = await render(`${p.id}.svg`, { country: 'BG' }, KEYS.manager);
      assertWellFormedSvg(out);
      expect([p.id, out.includes('Disclosure control (cell-key method, k = 5)')]).toEqual([p.id, true]);
    }
  });

  it('asks the indicator service for the dashboard\'s filters, with the caller\'s key', async () => {
    const calls: { id: string; q: IndicatorQuery; key: ApiKey }[] = [];
    await render('rapporteur-heatmap.svg', { country: 'BG', from: '2025-01-01', asOf: '2026-01-01T00:00:00Z', age: 'child', exploitation: 'labour' }, KEYS.rapporteur, calls);
    expect(calls.map((c) => c.id)).toEqual(['measure.compliance', 'measure.delivery']);
    for (const c of calls) {
      expect(c.key).toBe(KEYS.rapporteur);
      expect(c.q.countries).toEqual(['BG']);
      expect(c.q.from?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
      expect(c.q.asOf.toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(c.q.groupBy).toEqual(['ageGroup', 'exploitation']);
    }
    const gaps: typeof calls = [];
    await render('rapporteur-gaps.svg', { country: 'BG' }, KEYS.rapporteur, gaps);
    expect(gaps.map((c) => [c.id, c.q.groupBy])).toEqual([['gaps', ['country']]]);
  });

  it('says so when there is nothing to draw', async () => {
    const empty = {
      indicator: async (id: string, q: IndicatorQuery) => ({ indicator: id, asOf: q.asOf.toISOString(), rows: [] }),
      gaps: async () => ({ rows: [] }),
    } as unknown as IndicatorsService;
    const svg = await new PanelsController(empty, store).svg('programme-network.svg', {}, KEYS.manager, reply);
    assertWellFormedSvg(svg);
    expect(svg).toContain('No referrals between countries in this period.');
  });

  it('refuses unknown panels, browser-only panels and absurd sizes', async () => {
    // Domain errors, answered 404 / 400 by the exception filter's table.
    const refused = (code: string) => expect.objectContaining({ constructor: DomainError, code });
    await expect(render('nothing.svg', {}, KEYS.auditor)).rejects.toEqual(refused('not_found'));
    await expect(render('programme-matrix.png', {}, KEYS.auditor)).rejects.toEqual(refused('not_found'));
    await expect(render('audit-submissions.svg', {}, KEYS.auditor)).rejects.toEqual(refused('not_found'));
    await expect(render('programme-matrix.svg', { width: '99999' }, KEYS.auditor)).rejects.toEqual(refused('bad_request'));
  });
});

describe('"not adopted" cells in the server-rendered panels (a national profile in the catalogue stream)', () => {
  const reply = { headers: {} as Record<string, string>, header(n: string, v: string) { this.headers[n] = v; return this; } };
  const store = emptyStore();
  const render = (file: string, raw: Record<string, string>, key: ApiKey) => new PanelsController(fakeService([]), store).svg(file, raw, key, reply);
  const notAdopted = (svg: string) => svg.split('>not adopted<').length - 1;

  beforeAll(() => publish(store, [
    { doc: { id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-01-01', adaptations: { 'SOP1.M5': { adopted: false }, 'SOP2.M7': { adopted: false }, 'SOP1.M6': { deadline: null } } }, at: '2025-06-01T00:00:00.000Z' },
  ]));

  it('marks the measures BG does not adopt in both halves of the heatmap, not 0% and not "no cases"', async () => {
    const before = await render('rapporteur-heatmap.svg', { country: 'BG' }, KEYS.rapporteur);
    assertWellFormedSvg(before);
    // Two measures × (compliance, delivery): their rows came back (the stand-in answers every measure), yet no figure is drawn.
    expect(notAdopted(before)).toBe(4);
    const auditorDe = await render('rapporteur-heatmap.svg', { country: 'DE' }, KEYS.auditor);
    expect(notAdopted(auditorDe)).toBe(0);
  });

  it('follows the knowledge time: as of before the publication every measure is adopted', async () => {
    expect(notAdopted(await render('rapporteur-heatmap.svg', { country: 'BG', asOf: '2025-05-31T23:59:00Z' }, KEYS.rapporteur))).toBe(0);
    expect(notAdopted(await render('rapporteur-heatmap.svg', { country: 'BG', asOf: '2025-06-01T00:00:00Z' }, KEYS.rapporteur))).toBe(4);
  });

  it('leaves BG out of the ranking on a measure it does not adopt, marked, and ranks it on the others', async () => {
    const ranked = await render('programme-ranking.svg', { rank: 'measure.delivery', rankMeasure: 'SOP1.M5' }, KEYS.auditor);
    assertWellFormedSvg(ranked);
    expect(notAdopted(ranked)).toBe(1);
    expect(ranked).not.toContain('>BG (n=');
    expect(ranked).toContain('>BG<');
    expect(ranked).toContain('>DE (n=');
    const other = await render('programme-ranking.svg', { rank: 'measure.delivery', rankMeasure: 'SOP1.M1' }, KEYS.auditor);
    expect(notAdopted(other)).toBe(0);
    expect(other).toContain('>BG (n=');
  });

  it('draws the national deadline in force in the timeliness panel (none for SOP1.M6 in BG)', async () => {
    const bg = await render('rapporteur-timeliness.svg', { country: 'BG' }, KEYS.rapporteur);
    const de = await render('rapporteur-timeliness.svg', { country: 'DE' }, KEYS.auditor);
    expect(de).toContain('>SOP1.M6<');
    expect(bg).not.toContain('>SOP1.M6<');
    expect(bg).not.toContain('>SOP1.M5<');
  });
});

describe('audit panel builders in Node (ECharts development build: option mistakes throw)', () => {
  const at = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
  const event = (revision: number, type: string, data: object, extra: object = {}) => ({
    position: 100 + revision, revision, eventId: `e${revision}`, type, data: { occurredAt: at(revision), ...data }, recordedAt: at(revision + 2),
    submissionId: `s${revision}`, keyId: 'submitter', channel: 'http', hash: `h${revision}`.padEnd(64, '0'), ...extra,
  });
  const answers: Record<string, unknown> = {
    '/v1/audit/cases/abc/events': {
      caseId: 'abc',
      events: [
        event(0, 'case.opened', { country: 'BG' }),
        event(1, 'measure.recorded', { measure: 'SOP1.M1', status: 'completed' }, { retractedBy: { eventId: 'e2', recordedAt: at(5) } }),
        event(2, 'event.retracted', { retractsEventId: 'e1', reason: 'data_entry_error' }),
      ],
    },
    '/v1/audit/submissions': { submissions: [{ submissionId: 's1', keyId: 'bg', channel: 'http', receivedAt: at(1), received: 5, accepted: 3, duplicates: 1, rejectedCount: 1 }] },
    '/v1/audit/replay': { running: false, replayed: 0, total: 0, last: { ok: true, replayed: 42, differences: [] } },
  };
  const fetcher = async (path: string) => answers[path];
  const render = (id: string, filters: Record<string, string>) =>
    renderPanelSvg(sharedPanels.byId[id], filters, fetcher, { catalogue, now: new Date(), width: 1000 });

  it('draws a case history with the retraction and the as-of line', async () => {
    const svg = await render('audit-case-timeline', { case: 'abc', asOf: at(2) });
    assertWellFormedSvg(svg);
    expect(svg).toContain('(retracted)');
    expect(svg).toContain(`as of ${at(2).replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z')}`);
  });

  it('draws the submissions log and the integrity status', async () => {
    assertWellFormedSvg(await render('audit-submissions', {}));
    const integrity = await render('audit-integrity', {});
    assertWellFormedSvg(integrity);
    expect(integrity).toContain('OK · 42 events replayed, no difference');
  });
});

describe('audit panels on an empty store, before anything is chosen', () => {
  const empty: Record<string, unknown> = {
    '/v1/audit/submissions': { submissions: [] },
    '/v1/audit/replay': { running: false, replayed: 0, total: 0 },
  };
  const fetcher = async (path: string) => empty[path];
  const ctx = { catalogue, now: new Date(), width: 1000 };

  it.each(['audit-case-timeline', 'audit-submissions', 'audit-integrity', 'audit-as-of'])('%s: a well-formed SVG and no "undefined" or case-less caption', async (id) => {
    const panel = sharedPanels.byId[id];
    assertWellFormedSvg(await renderPanelSvg(panel, {}, fetcher, ctx));
    // The browser's table under the chart (not part of the server's panel type).
    const withTable = panel as typeof panel & { table?(data: unknown, ctx: unknown): unknown };
    const data = await sharedPanels.fetchPanelData(panel, {}, { catalogue, now: new Date(), ssr: true, filters: {} }, fetcher);
    const table = withTable.table?.(data, { filters: {} });
    expect(JSON.stringify(table ?? null)).not.toMatch(/undefined|of case "|between null/);
    if (id === 'audit-case-timeline' || id === 'audit-as-of') expect(table ?? null).toBeNull();
  });
});
