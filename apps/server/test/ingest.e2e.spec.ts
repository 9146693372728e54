import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';

describe('POST /v1/events (real HTTP, SQLite, chDB)', () => {
  let svc: ServiceHarness;
  beforeAll(async () => {
    svc = await startService({ env: { TRM_MAX_BODY_BYTES: '2000000', TRM_MAX_EVENTS_PER_REQUEST: '1000' } });
  });
  afterAll(async () => svc.close(true));

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${svc.url}/v1/events`, { method: 'POST', body, headers });

  it('accepts NDJSON and answers per event; re-sent events are duplicates', async () => {
    const events = [opened('BG-E2E-1'), measure('BG-E2E-1', 'SOP1.M1')];
    const r = await post(ndjson(events), { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ received: 2, accepted: 2, duplicates: 0, rejected: [] });
    expect(typeof body.submissionId).toBe('string');
    const again = await (await post(ndjson(events), { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' })).json();
    expect(again).toMatchObject({ received: 2, accepted: 0, duplicates: 2, rejected: [] });
    expect(await svc.runtime.store.headPosition()).toBe(2);
  });

  it('accepts a JSON array and CSV', async () => {
    const r = await post(JSON.stringify([opened('BG-E2E-2')]), { ...svc.auth('submitter'), 'content-type': 'application/json' });
    expect((await r.json()).accepted).toBe(1);
    const csv = [
      'eventId,type,schemaVersion,country,caseRef,occurredAt,profile.ageBand,profile.sex,profile.citizenship,profile.exploitation,profile.countryRole,profile.presumedMinor',
      `${crypto.randomUUID()},case.opened,1,BG,BG-E2E-CSV,2024-03-02T10:00:00Z,unknown,male,unknown,labour|begging,destination,true`,
    ].join('\n');
    const c = await (await post(csv, { ...svc.auth('submitter'), 'content-type': 'text/csv' })).json();
    expect(c).toMatchObject({ received: 1, accepted: 1, rejected: [] });
  });

  it('rejects bad events per event, with codes and paths, storing nothing of them', async () => {
    const head = await svc.runtime.store.headPosition();
    const good = opened('BG-E2E-3');
    const events = [
      good,
      { ...opened('BG-E2E-4'), profile: { ...opened('x').profile, ageBand: 'old' } },
      { ...opened('BG-E2E-5'), fullName: 'Jane Doe' },
      measure('BG-NO-SUCH-CASE', 'SOP1.M1'),
      opened('BG-E2E-3'),
      measure('BG-E2E-3', 'SOP1.C1'),
      { ...good, occurredAt: '2024-03-02T09:30:00Z' },
    ];
    const body = await (await post(ndjson(events), { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' })).json();
    expect(body.accepted).toBe(1);
    const byIndex = Object.fromEntries(body.rejected.map((r: { index: number; errors: { code: string; path: string }[] }) => [r.index, r.errors[0]]));
    expect(byIndex[1]).toMatchObject({ code: 'enum', path: '/profile/ageBand' });
    expect(byIndex[2]).toMatchObject({ code: 'additionalProperties' });
    expect(byIndex[3]).toMatchObject({ code: 'unknown_case' });
    expect(byIndex[4]).toMatchObject({ code: 'case_exists' });
    expect(byIndex[5]).toMatchObject({ code: 'not_applicable_to_case' });
    expect(byIndex[6]).toMatchObject({ code: 'event_id_conflict' });
    expect(JSON.stringify(body)).not.toContain('Jane Doe');
    expect(await svc.runtime.store.headPosition()).toBe(head + 1);
  });

  it('refuses events for a country outside the key with forbidden_country', async () => {
    const body = await (await post(ndjson([opened('IT-1', 'IT')]), { ...svc.auth('submitter-bg'), 'content-type': 'application/x-ndjson' })).json();
    expect(body.rejected[0].errors[0].code).toBe('forbidden_country');
  });

  it('answers 401 without or with an unknown key, 403 for a role that may not submit', async () => {
    const body = ndjson([opened('BG-AUTH')]);
    expect((await post(body, { 'content-type': 'application/x-ndjson' })).status).toBe(401);
    expect((await post(body, { authorization: 'Bearer nope', 'content-type': 'application/x-ndjson' })).status).toBe(401);
    expect((await post(body, { authorization: 'Basic abc', 'content-type': 'application/x-ndjson' })).status).toBe(401);
    expect((await post(body, { ...svc.auth('manager'), 'content-type': 'application/x-ndjson' })).status).toBe(403);
    expect((await fetch(`${svc.url}/v1/indicators`)).status).toBe(401);
    expect((await fetch(`${svc.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${svc.url}/health`)).status).toBe(200);
  });

  it('answers 400 with the line for an unparseable body and stores nothing', async () => {
    const head = await svc.runtime.store.headPosition();
    const r = await post(`${JSON.stringify(opened('BG-P1'))}\n{"eventId": "Jane Doe\n`, { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body).toMatchObject({ error: 'malformed_body', line: 2 });
    expect(JSON.stringify(body)).not.toContain('Jane');
    const j = await post('[{"eventId": "Jane Doe"', { ...svc.auth('submitter'), 'content-type': 'application/json' });
    expect(j.status).toBe(400);
    expect(await j.text()).not.toContain('Jane');
    expect(await svc.runtime.store.headPosition()).toBe(head);
  });

  it('answers 415 for another content type and 413 past the limits', async () => {
    expect((await post('x', { ...svc.auth('submitter'), 'content-type': 'text/plain' })).status).toBe(415);
    const big = 'x'.repeat(svc.runtime.config.maxBodyBytes + 10);
    expect((await post(big, { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' })).status).toBe(413);
    const many = ndjson(Array.from({ length: 1001 }, (_, i) => opened(`BG-MANY-${i}`)));
    const r = await post(many, { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(413);
    expect((await r.json()).error).toBe('too_many_events');
  });

  it('returns the first answer for a retried Idempotency-Key', async () => {
    const body = ndjson([opened('BG-IDEM')]);
    const h = { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson', 'idempotency-key': 'k-1' };
    const first = await (await post(body, h)).json();
    const second = await (await post(body, h)).json();
    expect(second).toEqual(first);
    expect(first.accepted).toBe(1);
    expect((await post(ndjson([opened('BG-IDEM-2')]), h)).status).toBe(409);
  });

  it('lets a submitter read its own submission and not another key\'s', async () => {
    const first = await (await post(ndjson([opened('BG-SUB')]), { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' })).json();
    const own = await fetch(`${svc.url}/v1/submissions/${first.submissionId}`, { headers: svc.auth('submitter') });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ accepted: 1, keyId: 'submitter' });
    expect((await fetch(`${svc.url}/v1/submissions/${first.submissionId}`, { headers: svc.auth('submitter-bg') })).status).toBe(404);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    // Without a key: a status per component, nothing else.
    const open = await (await fetch(`${svc.url}/health`)).json();
    expect(open).toEqual({
      status: 'ok', demoData: false,
      components: { eventStore: { status: 'up' }, warehouse: { status: 'up' }, projector: { status: 'up' } },
    });
    // With a key of any role: the details.
    const health = await (await fetch(`${svc.url}/health`, { headers: svc.auth('submitter') })).json();
    expect(health.components.eventStore).toMatchObject({ status: 'up', ready: true });
    expect(health.components.warehouse).toMatchObject({ status: 'up', ready: true });
    expect(health.components.projector).toMatchObject({ status: 'up', quarantined: 0, caughtUp: true });
    expect(typeof health.components.projector.lagEvents).toBe('number');
    // A wrong key is no key.
    expect(Object.keys((await (await fetch(`${svc.url}/health`, { headers: { authorization: 'Bearer nope' } })).json()).components.projector)).toEqual(['status']);
    const metrics = await (await fetch(`${svc.url}/metrics`, { headers: svc.auth('admin') })).text();
    expect(metrics).toMatch(/trm_events_accepted_total\{channel="http"\} \d+/);
    const doc = await (await fetch(`${svc.url}/v1/openapi.json`, { headers: svc.auth('admin') })).json();
    expect(doc.paths['/v1/events'].post).toBeDefined();
  });
});
