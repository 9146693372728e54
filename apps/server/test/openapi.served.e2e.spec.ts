import { readFileSync } from 'node:fs';
import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';
import { OPENAPI_FILE } from '../../../scripts/openapi/generate';
import { SERVER_FEATURES } from '../src/server.features';

/** The server serves the committed document (generated from its own routes), to any key and no one else. */
describe('GET /v1/openapi.json', () => {
  let svc: ServiceHarness;
  beforeAll(async () => {
    svc = await startService({ modules: SERVER_FEATURES });
  });
  afterAll(async () => svc?.close(true));

  it('is docs/openapi.json, for a key of any role', async () => {
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    for (const who of ['submitter', 'manager', 'auditor', 'rapporteur-bg', 'admin']) {
      const res = await fetch(`${svc.url}/v1/openapi.json`, { headers: svc.auth(who) });
      expect([who, res.status]).toEqual([who, 200]);
      expect(await res.json()).toEqual(committed);
    }
    const anonymous = await fetch(`${svc.url}/v1/openapi.json`);
    expect(anonymous.status).toBe(401);
  });

  it('answers a documented path asked with another method 405, with the methods it serves', async () => {
    const res = await fetch(`${svc.url}/v1/audit/replay`, { method: 'DELETE', headers: svc.auth('auditor') });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD');
    expect(await res.json()).toMatchObject({ statusCode: 405, error: 'method_not_allowed' });
    expect((await fetch(`${svc.url}/v1/panels/programme-matrix.svg`, { method: 'PUT', headers: svc.auth('auditor') })).status).toBe(405);
  });
});
