import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';

describe('GET /v1/indicators (real HTTP, SQLite, chDB)', () => {
  let svc: ServiceHarness;
  let beforeAnything: string;
  const get = (path: string, key: string) => fetch(`${svc.url}${path}`, { headers: svc.auth(key) });

  beforeAll(async () => {
    // Recorded two days ago: managers read as of 00:00 UTC today (INDICATORS.md "Disclosure control").
    const now = () => new Date(Date.now() - 2 * 86_400_000);
    svc = await startService({ now });
    beforeAnything = now().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const events: object[] = [];
    for (let i = 0; i < 6; i++) {
      events.push(opened(`BG-I-${i}`));
      if (i < 4) events.push(measure(`BG-I-${i}`, 'SOP1.M1', 'completed'));
      if (i === 4) events.push(measure(`BG-I-${i}`, 'SOP1.M1', 'offered'));
    }
    events.push(opened('IT-I-1', 'IT'), opened('IT-I-2', 'IT'));
    const r = await fetch(`${svc.url}/v1/events`, {
      method: 'POST', body: ndjson(events), headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' },
    });
    expect((await r.json()).accepted).toBe(events.length);
  });
  afterAll(async () => svc.close(true));

  it('lists every indicator with its parameters', async () => {
    const body = await (await get('/v1/indicators', 'manager')).json();
    expect(body.indicators.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['case.count', 'measure.delivery', 'measure.overdue']));
  });

  it('counts cases by country; auditors see all figures', async () => {
    const body = await (await get('/v1/indicators/case.count?groupBy=country', 'auditor')).json();
    expect(body.rows).toEqual([
      { country: 'BG', count: 6, suppressed: false },
      { country: 'IT', count: 2, suppressed: false },
    ].map(({ suppressed: _, ...r }) => r));
    expect(body.catalogueVersion).toBe('trm-baseline-1');
    expect(body.complete).toBe(true);
  });

  it('perturbs figures for managers and leaves small cells out exactly like empty ones', async () => {
    const body = await (await get('/v1/indicators/case.count?groupBy=country', 'manager')).json();
    expect(body.disclosureControl).toEqual({ k: 5, method: 'cell-key', asOfRounded: true });
    expect(body.rows).toHaveLength(1); // IT's 2 cases are not listed
    expect(body.rows[0]).toEqual({ country: 'BG', count: expect.any(Number) });
    expect(body.rows[0].count).toBeGreaterThanOrEqual(5);
    expect(body.rows[0].count).toBeLessThanOrEqual(8);
    expect(body.asOf).toMatch(/T00:00:00\.000Z$/);
    expect(await (await get('/v1/indicators/case.count?groupBy=country', 'manager')).json()).toEqual(body);
    const unaligned = await get('/v1/indicators/case.count?from=2024-03-15', 'manager');
    expect(unaligned.status).toBe(400);
    expect((await unaligned.json()).error).toBe('period_not_aligned');
  });

  it('scopes rapporteurs to their countries', async () => {
    const body = await (await get('/v1/indicators/case.count?groupBy=country', 'rapporteur-bg')).json();
    expect(body.rows).toEqual([{ country: 'BG', count: 6 }]);
    expect((await get('/v1/indicators/case.count?country=IT', 'rapporteur-bg')).status).toBe(403);
    expect((await get('/v1/indicators/case.count', 'submitter')).status).toBe(403);
  });

  it('computes measure.delivery with a Wilson interval', async () => {
    const body = await (await get('/v1/indicators/measure.delivery?country=BG&measure=SOP1.M1', 'auditor')).json();
    expect(body.rows).toHaveLength(1);
    const [row] = body.rows;
    expect(row).toMatchObject({ measure: 'SOP1.M1', sop: 1, numerator: 4, denominator: 6 });
    expect(row.value).toBeCloseTo(4 / 6, 12);
    expect(row.ci95[0]).toBeCloseTo(0.3000, 3);
    expect(row.ci95[1]).toBeCloseTo(0.9032, 3);
    const compliance = await (await get('/v1/indicators/measure.compliance?country=BG&measure=SOP1.M1', 'auditor')).json();
    expect(compliance.rows[0]).toMatchObject({ numerator: 5, denominator: 6 });
  });

  it('answers as of a past knowledge time', async () => {
    const body = await (await get(`/v1/indicators/case.count?asOf=${encodeURIComponent(beforeAnything)}`, 'auditor')).json();
    expect(body.rows).toEqual([]);
  });

  it('answers 400 with the reason for a query that makes no sense, 404 for an unknown indicator', async () => {
    const a = await get('/v1/indicators/measure.delivery?groupBy=toCountry', 'auditor');
    expect(a.status).toBe(400);
    expect((await a.json()).message).toMatch(/toCountry is not available/);
    expect((await get('/v1/indicators/case.count?groupBy=nonsense', 'auditor')).status).toBe(400);
    expect((await get('/v1/indicators/case.count?from=yesterday', 'auditor')).status).toBe(400);
    expect((await get('/v1/indicators/case.count?measure=SOP1.M1', 'auditor')).status).toBe(400);
    expect((await get('/v1/indicators/case.count?groupBy=period:month,period:year', 'auditor')).status).toBe(400);
    expect((await get('/v1/indicators/no.such', 'auditor')).status).toBe(404);
  });

  it('reports gaps; case ids only for roles allowed to see them, and the read is logged', async () => {
    const counts = await (await get('/v1/gaps?country=BG', 'manager')).json();
    const m2 = counts.rows.find((r: { measure: string }) => r.measure === 'SOP1.M2');
    expect(m2).toMatchObject({ country: 'BG', count: expect.any(Number) });
    expect(Math.abs(m2.count - 6)).toBeLessThanOrEqual(2);
    expect(m2.caseIds).toBeUndefined();
    expect(counts.disclosureControl).toEqual({ k: 5, method: 'cell-key', asOfRounded: true });
    expect((await get('/v1/gaps?detail=cases', 'manager')).status).toBe(403);
    const detail = await (await get('/v1/gaps?country=BG&detail=cases', 'rapporteur-bg')).json();
    const row = detail.rows.find((r: { measure: string }) => r.measure === 'SOP1.M2');
    expect(row.caseIds).toHaveLength(6);
    expect(row.caseIds[0]).toMatch(/^[a-z2-7]{26}$/);
    expect(svc.runtime.audit.accessLog({ limit: 10 }).some((a) => a.keyId === 'rapporteur-bg' && a.action === 'gaps.cases')).toBe(true);
  });
});
