import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditModule } from '@trm/audit';
import { CatalogueModule } from '@trm/catalogue';
import { IndicatorsModule } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { OperationsModule } from '@trm/operations';
import { startService } from '@trm/testing/service/service-harness';
import type { ServiceHarness } from '@trm/testing/service/service-harness';
import { loadDemoDataIfEmpty } from '../src/demo-loader';

const ROOT = resolve(__dirname, '../../..');
const SAMPLE = readFileSync(join(ROOT, 'examples/events.ndjson'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's "Try it" and "Submitting" steps, against a fresh store with the demo data loaded. */
describe('the README\'s examples on a fresh demo store (real service)', () => {
  let svc: ServiceHarness;
  const get = async (path: string, key = 'auditor') => {
    const r = await fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
    expect([path, r.status]).toEqual([path, 200]);
    return r.json();
  };
  const submit = () => fetch(`${svc.url}/v1/events`, {
    method: 'POST', headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' }, body: SAMPLE,
  }).then((r) => r.json());

  beforeAll(async () => {
    svc = await startService({ modules: [IngestModule, CatalogueModule, IndicatorsModule, AuditModule, OperationsModule], env: { TRM_DEMO_CASES: '150' } });
    await loadDemoDataIfEmpty(svc.runtime);
  });
  afterAll(() => svc?.close(true));

  it('accepts every event of examples/events.ndjson, then answers duplicates for a retry', async () => {
    const lines = SAMPLE.trim().split('\n').length;
    expect(await submit()).toMatchObject({ received: lines, accepted: lines, duplicates: 0, rejected: [] });
    const again = await submit();
    expect(again).toMatchObject({ received: lines, accepted: 0, duplicates: lines, rejected: [] });
    expect(await get(`/v1/audit/submissions/${again.submissionId}`)).toMatchObject({ keyId: 'submitter', duplicates: lines });
  });

  it('finds the sample case by lookup and shows its history', async () => {
    const r = await fetch(`${svc.url}/v1/cases/lookup`, {
      method: 'POST', headers: { ...svc.auth('auditor'), 'content-type': 'application/json' }, body: JSON.stringify({ country: 'BG', caseRef: 'BG-EXAMPLE-0001' }),
    });
    const { caseId } = await r.json();
    const history = await get(`/v1/audit/cases/${caseId}/events`);
    expect(history.events.map((e: { type: string }) => e.type)).toEqual(SAMPLE.trim().split('\n').map((l) => JSON.parse(l).type));
  });

  it('answers the "Try it" requests', async () => {
    expect((await get('/v1/openapi.json')).openapi).toMatch(/^3\./);
    expect((await get('/v1/indicators')).indicators.length).toBeGreaterThan(5);
    expect((await get('/v1/indicators/measure.delivery?groupBy=country&sop=1')).rows.length).toBeGreaterThan(0);
    expect((await get('/v1/indicators/case.count?groupBy=country,period:quarter')).rows.length).toBeGreaterThan(0);
    expect((await get('/v1/gaps?country=BG&detail=cases')).rows.length).toBeGreaterThan(0);
  });

  it('publishes the README\'s national profile (admin) and answers its diff', async () => {
    const body = /localhost:3000\/v1\/catalogue \\\n\s*-d '([^']+)'/.exec(README)?.[1];
    expect(body).toBeDefined();
    const r = await fetch(`${svc.url}/v1/catalogue`, { method: 'POST', headers: { ...svc.auth('admin'), 'content-type': 'application/json' }, body });
    expect(r.status).toBe(201);
    const diff = await get('/v1/catalogue/diff?from=trm-baseline-1&to=trm-BG-example-1');
    expect(diff.adoption).toEqual([{ code: 'SOP1.M4', from: true, to: false }]);
    expect(diff.deadlines.map((d: { code: string }) => d.code)).toEqual(['SOP3.M6']);
  });
});
