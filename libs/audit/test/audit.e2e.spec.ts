import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { arbitraryHistory } from '@trm/testing/generators';
import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';

/** Auditing through HTTP on the embedded stack: histories, submissions, replay, verify, access log. */
describe('audit endpoints', () => {
  let svc: ServiceHarness;
  let db: Database.Database;
  const post = (path: string, key: string, body?: unknown) =>
    fetch(`${svc.url}${path}`, { method: 'POST', headers: { ...svc.auth(key), 'content-type': 'application/json' }, body: body === undefined ? '{}' : JSON.stringify(body) });
  const get = (path: string, key: string) => fetch(`${svc.url}${path}`, { headers: svc.auth(key) });

  beforeAll(async () => {
    svc = await startService();
    // A generated multi-country history, each batch recorded at its own knowledge time.
    const [history] = fc.sample(arbitraryHistory({ minCases: 25, maxCases: 30, maxEvents: 500 }), { numRuns: 1, seed: 42 });
    for (const batch of history.batches) {
      const at = new Date(batch.recordedAt);
      await svc.runtime.pipeline.submit(batch.events, {
        key: { id: 'submitter', role: 'submitter', countries: ['*'] }, channel: 'http', submissionId: randomUUID(), receivedAt: at, recordedAt: at,
      });
    }
    db = new Database(join(svc.dataDir, 'events.sqlite'));
  });
  afterAll(async () => {
    db.close();
    await svc.close(true);
  });

  it('refuses every audit endpoint to roles that may not use it', async () => {
    for (const key of ['manager', 'rapporteur-bg', 'submitter']) {
      expect((await post('/v1/audit/verify', key)).status).toBe(403);
      expect((await post('/v1/audit/replay', key)).status).toBe(403);
      expect((await get('/v1/audit/access', key)).status).toBe(403);
      expect((await get('/v1/audit/submissions', key)).status).toBe(403);
      expect((await get(`/v1/audit/cases/${'a'.repeat(26)}/events`, key)).status).toBe(403);
    }
    expect((await post('/v1/audit/replay', 'auditor', { swap: true })).status).toBe(403);
    expect((await post('/v1/cases/lookup', 'manager', { country: 'BG', caseRef: 'x' })).status).toBe(403);
    expect((await post('/v1/cases/lookup', 'rapporteur-bg', { country: 'IT', caseRef: 'x' })).status).toBe(403);
  });

  it('shows a case history in order with retracted events marked, after a lookup', async () => {
    const row = db.prepare("SELECT data FROM events WHERE type = 'event.retracted' LIMIT 1").get() as { data: string };
    const retraction = JSON.parse(row.data);
    const lookupRes = await post('/v1/cases/lookup', 'auditor', { country: retraction.country, caseRef: 'not-the-real-one' });
    expect(lookupRes.status).toBe(200);
    expect((await lookupRes.json()).caseId).toMatch(/^[a-z2-7]{26}$/);
    const res = await get(`/v1/audit/cases/${retraction.caseId}/events`, 'auditor');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.events.map((e: { revision: number }) => e.revision)).toEqual(body.events.map((_: unknown, i: number) => i));
    const target = body.events.find((e: { eventId: string }) => e.eventId === retraction.retractsEventId.toLowerCase());
    expect(target.retractedBy).toMatchObject({ eventId: retraction.eventId });
    expect(body.events[0]).toEqual(expect.objectContaining({ recordedAt: expect.any(String), submissionId: expect.any(String), keyId: 'submitter', channel: 'http', position: expect.any(Number) }));
    expect(JSON.stringify(body)).not.toContain('caseRef');
  });

  it('answers what a submission brought, without payloads', async () => {
    const res = await fetch(`${svc.url}/v1/events`, {
      method: 'POST', headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ eventId: randomUUID(), type: 'case.opened', schemaVersion: 1, country: 'BG', caseRef: 'AUD-1', occurredAt: '2024-01-01T00:00:00Z', profile: { ageBand: '25-34', sex: 'male', citizenship: 'BG', exploitation: ['labour'], countryRole: 'origin', name: 'Ivan Petrov' } })}\n`,
    });
    const { submissionId } = await res.json();
    const s = await (await get(`/v1/audit/submissions/${submissionId}`, 'auditor')).json();
    expect(s).toMatchObject({ submissionId, keyId: 'submitter', received: 1, accepted: 0, rejected: [{ index: 0 }] });
    expect(JSON.stringify(s)).not.toContain('Ivan');
    const list = await (await get('/v1/audit/submissions?limit=5', 'auditor')).json();
    expect(list.submissions[0].submissionId).toBe(submissionId);
  });

  it('replays the warehouse from the event store with zero differences, showing progress', async () => {
    const res = await post('/v1/audit/replay', 'auditor', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.differences).toEqual([]);
    expect(body.ok).toBe(true);
    expect(body.replayed).toBe(await svc.runtime.store.headPosition());
    expect(body.comparisons).toBeGreaterThan(30);
    const progress = await (await get('/v1/audit/replay', 'auditor')).json();
    expect(progress).toMatchObject({ running: false, phase: 'done', replayed: body.replayed });
  });

  it('passes verify on an intact store', async () => {
    const body = await (await post('/v1/audit/verify', 'auditor')).json();
    expect(body).toMatchObject({ ok: true, problems: [] });
    expect(body.checked).toBe(await svc.runtime.store.headPosition());
  });

  type Row = Record<string, unknown>;
  async function tampered(change: () => void, undo: () => void) {
    change();
    try {
      return await (await post('/v1/audit/verify', 'auditor')).json();
    } finally {
      undo();
    }
  }

  it('names an event whose stored bytes were changed in the SQLite file', async () => {
    const row = db.prepare("SELECT position, event_id, data FROM events WHERE type = 'measure.recorded' LIMIT 1 OFFSET 3").get() as Row;
    const edited = String(row.data).replace(/"actor":"[a-z_]+"/, '"actor":"other"').replace('"other","other"', '"ngo"');
    const body = await tampered(
      () => db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited === row.data ? String(row.data).replace('"', ' "') : edited, row.position),
      () => db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data, row.position),
    );
    expect(body.ok).toBe(false);
    expect(body.problems[0]).toMatchObject({ kind: 'altered', position: row.position, eventId: row.event_id });
  });

  it('names the gap an event deleted from the file leaves', async () => {
    const row = db.prepare('SELECT * FROM events WHERE revision = 1 LIMIT 1 OFFSET 2').get() as Row;
    const cols = Object.keys(row);
    const body = await tampered(
      () => db.prepare('DELETE FROM events WHERE position = ?').run(row.position),
      () => db.prepare(`INSERT INTO events (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => row[c])),
    );
    expect(body.ok).toBe(false);
    expect(body.problems.map((p: { kind: string }) => p.kind)).toContain('missing');
    expect(body.problems.some((p: { streamId: string }) => p.streamId === row.stream_id)).toBe(true);
  });

  it('names two events of a stream swapped in the file', async () => {
    const a = db.prepare('SELECT position, stream_id FROM events WHERE revision = 1 LIMIT 1 OFFSET 5').get() as Row;
    const b = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = 2').get(a.stream_id) as Row;
    const swap = () => {
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a.position, b.position);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b.position);
    };
    const body = await tampered(swap, swap);
    expect(body.ok).toBe(false);
    expect(body.problems.map((p: { kind: string }) => p.kind)).toContain('reordered');
    expect((await (await post('/v1/audit/verify', 'auditor')).json()).ok).toBe(true);
  });

  it('records reads of case-level data and audit actions in the access log, including reading it', async () => {
    const body = await (await get('/v1/audit/access?limit=100', 'auditor')).json();
    const actions = body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.history', 'case.lookup', 'verify', 'replay', 'submission.read', 'access.read']));
    expect(body.entries[0]).toMatchObject({ keyId: 'auditor', role: 'auditor', action: 'access.read' });
  });

  it('an event the warehouse cannot hold is quarantined: health degraded (200) with its count, auditors list it, the replay names what it would have touched', async () => {
    const data = {
      eventId: randomUUID(), type: 'case.opened', schemaVersion: 1, country: 'BG', caseId: 'legacyaaaaaaaaaaaaaaaaaaaa', occurredAt: '0000-06-01T00:00:00Z',
      profile: { ageBand: '25-34', sex: 'male', citizenship: 'BG', exploitation: ['labour'], countryRole: 'origin' },
    };
    const json = JSON.stringify(data);
    // Past every ingest check, as an older version or a tampered file could have stored it.
    const [r] = await svc.runtime.store.append([{
      streamId: 'trm-case-legacyaaaaaaaaaaaaaaaaaaaa', expected: 'no_stream',
      events: [{ eventId: data.eventId, type: data.type, data, contentHash: createHash('sha256').update(json).digest('hex'), dataJson: json,
        metadata: { recordedAt: new Date().toISOString(), submissionId: randomUUID(), keyId: 'legacy', channel: 'http' } }],
    }]);
    const position = r.positions[0];
    let health: { status: string; components: Record<string, Record<string, unknown>> } | undefined;
    for (let i = 0; i < 100; i++) {
      health = await (await get('/health', 'auditor')).json();
      if (health!.components.projector.quarantined === 1 && health!.components.projector.checkpoint === position) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(health).toMatchObject({ status: 'degraded', components: { projector: { status: 'degraded', quarantined: 1, checkpoint: position } } });
    const open = await fetch(`${svc.url}/health`);
    expect(open.status).toBe(200);
    expect(JSON.stringify(await open.json())).not.toContain(data.eventId);
    expect((await get('/v1/audit/quarantine', 'manager')).status).toBe(403);
    const listed = await (await get('/v1/audit/quarantine', 'auditor')).json();
    expect(listed.quarantined).toEqual([expect.objectContaining({ position, eventId: data.eventId, type: 'case.opened', country: 'BG', reason: 'invalid_occurred_at' })]);
    const replay = await (await post('/v1/audit/replay', 'auditor', {})).json();
    expect(replay.ok).toBe(true);
    expect(replay.quarantined).toEqual([expect.objectContaining({ position, wouldTouch: expect.arrayContaining(['case.count', 'measure.delivery', 'data.reporting_lag']) })]);
    expect(replay.quarantined[0].wouldTouch).not.toContain('referral.acknowledgement');
  });
});
