import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';
import { ndjson, opened } from '@trm/testing/service/event-fixtures';

/** Per-key rate limits (issue 12): a stolen key cannot flood the service, nor slow other keys. */
describe('rate limits per key', () => {
  let svc: ServiceHarness;
  beforeAll(async () => {
    svc = await startService({ env: { TRM_RATE_LIMIT_SUBMISSIONS: '3', TRM_RATE_LIMIT_READS: '5' } });
  });
  afterAll(async () => svc.close(true));

  const submit = (key: string) => fetch(`${svc.url}/v1/events`, {
    method: 'POST', headers: { ...svc.auth(key), 'content-type': 'application/x-ndjson' }, body: ndjson([opened(`BG-RL-${Math.random()}`)]),
  });
  const read = (key: string) => fetch(`${svc.url}/v1/indicators`, { headers: svc.auth(key) });

  it('answers 429 with Retry-After past the submissions a key may make in a minute, and stores nothing of the refused', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit('submitter')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await submit('submitter');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ statusCode: 429, error: 'rate_limited' });
    expect(await svc.runtime.store.headPosition()).toBe(3);
  });

  it('counts each key on its own, and reads apart from submissions', async () => {
    expect((await submit('submitter-bg')).status).toBe(200);
    const reads = [];
    for (let i = 0; i < 6; i++) reads.push((await read('manager')).status);
    expect(reads).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await read('auditor')).status).toBe(200);
  });

  it('never limits /health, and a request without a valid key is 401, not counted', async () => {
    for (let i = 0; i < 8; i++) expect((await fetch(`${svc.url}/health`)).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await fetch(`${svc.url}/v1/indicators`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await read('rapporteur-bg')).status).toBe(200);
  });
});
