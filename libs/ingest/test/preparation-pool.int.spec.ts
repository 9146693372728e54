import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEvents } from '@trm/demo-data';
import { SqliteEventStore } from '@trm/event-store';
import { BodyParseError, IngestPipeline, PreparationPool, PreparationThreadError, TooManyEventsError } from '@trm/ingest';
import type { SubmittedBody } from '@trm/ingest';

/**
 * The preparation pool, with a real worker thread, against preparation on the calling thread:
 * the same prepared events (stored form, canonical JSON, hashes, rejections) for a mixed body in
 * each content type, the same refusals of a body as a whole, the same outcomes once appended;
 * a thread that stops fails only the requests it held, and the next request is served.
 */
describe('PreparationPool (a real worker thread) against preparation in the calling thread', () => {
  const secret = 'pool-test-secret';
  const key = { id: 'bg-key', role: 'submitter' as const, countries: ['BG', 'RS'] };
  const receivedAt = new Date();
  let dir: string;
  const stores: SqliteEventStore[] = [];
  const pipelines: IngestPipeline[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-prep-pool-'));
  });

  afterAll(async () => {
    for (const p of pipelines) await p.close();
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function pipeline(name: string, prepThreads: number): IngestPipeline {
    const store = new SqliteEventStore({ path: join(dir, `${name}.sqlite`) });
    stores.push(store);
    const p = new IngestPipeline(store, { pseudonymSecret: secret, prepThreads });
    pipelines.push(p);
    return p;
  }

  /** Demo events plus events every step rejects, a time with an offset (normalised) and referrals (re-keyed). */
  function mixedEvents(): Record<string, unknown>[] {
    const events: Record<string, unknown>[] = [];
    for (const e of generateDemoEvents({ seed: 11, cases: 200, end: new Date(Date.now() - 86_400_000) })) {
      if (e.country === 'BG' || e.country === 'RS' || events.length % 17 === 0) events.push({ ...e });
    }
    const opened = events.find((e) => e.type === 'case.opened' && e.country === 'BG')!;
    events.push({ ...opened, eventId: 'not-a-uuid' });
    events.push({ ...opened, eventId: randomUUID(), occurredAt: new Date(Date.now() + 86_400_000 * 30).toISOString() });
    events.push({ ...opened, eventId: randomUUID().toUpperCase(), caseRef: 'BG-OFFSET-1', occurredAt: '2025-03-01T10:00:00+02:00' });
    events.push({ ...opened, eventId: randomUUID(), country: 'DE', caseRef: 'DE-1' });
    events.push({ ...opened, eventId: randomUUID(), type: 'case.unknown' });
    events.push({ eventId: randomUUID(), schemaVersion: 1 });
    return events;
  }

  const ndjson = (events: unknown[]) => Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const body = (contentType: string, bytes: Buffer, hashBody = false): SubmittedBody =>
    ({ contentType, body: bytes, key, receivedAt, maxEvents: 10_000, hashBody });

  /** What decide-and-append reads of a prepared event (the legacy form: what a pre-normalisation content hash was computed over). */
  function view(p: { index: number; eventId?: string; outcome?: unknown; stored?: object; hash?: string; json?: string; legacy?: { occurredAt: string; referralId?: string } }) {
    const l = p.legacy;
    return {
      index: p.index, eventId: p.eventId, outcome: p.outcome, stored: p.stored, hash: p.hash, json: p.json,
      legacyForm: l ? { ...p.stored, occurredAt: l.occurredAt, ...('referralId' in l ? { referralId: l.referralId } : {}) } : p.stored,
    };
  }

  it('prepares a mixed body (NDJSON, JSON array, CSV) exactly as the calling thread does', async () => {
    const inThread = pipeline('in-thread-a', 0);
    const pooled = pipeline('pooled-a', 1);
    const events = mixedEvents();
    const csv = Buffer.from(
      'eventId,type,schemaVersion,country,caseRef,occurredAt,profile.ageBand,profile.sex,profile.citizenship,profile.exploitation,profile.countryRole\n'
      + `${randomUUID()},case.opened,1,BG,BG-CSV-1,2025-01-02T03:04:05+01:00,15-17,female,RO,sexual|labour,destination\n`
      + `${randomUUID()},case.opened,1,FR,FR-CSV-1,2025-01-02T03:04:05Z,15-17,female,RO,sexual,destination\n`
      + 'x,case.opened,one,BG,BG-CSV-2,yesterday,,,,,\n',
    );
    for (const b of [body('application/x-ndjson', ndjson(events), true), body('application/json', Buffer.from(JSON.stringify(events))), body('text/csv; charset=utf-8', csv)]) {
      const a = (await inThread.prepareBody(b))!;
      const p = (await pooled.prepareBody(b))!;
      expect(p.events.length).toBe(a.events.length);
      expect(p.events.events.map(view)).toEqual(a.events.events.map(view));
      expect(p.bodySha256).toBe(a.bodySha256);
      expect(a.events.events.filter((e) => e.outcome).length).toBeGreaterThan(0);
      expect(a.events.events.filter((e) => e.stored).length).toBeGreaterThan(0);
    }
    expect((await pooled.prepareBody(body('application/x-ndjson', ndjson(events), true)))!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the same bodies as a whole, with the same codes, messages and places', async () => {
    const inThread = pipeline('in-thread-b', 0);
    const pooled = pipeline('pooled-b', 1);
    const refused = [
      body('application/x-ndjson', Buffer.from('{"a":1}\n{"a":\n')),
      body('application/x-ndjson', Buffer.from('{"__proto__":{"x":1}}\n')),
      body('application/x-ndjson', Buffer.from('{"a":1,"a":2}\n')),
      body('application/x-ndjson', Buffer.from('[[[[[[[[[[1]]]]]]]]]]\n')),
      body('application/x-ndjson', Buffer.from([0x7b, 0xff, 0x7d])),
      body('application/json', Buffer.alloc(0)),
      body('application/json', Buffer.from('"text"')),
      body('text/csv', Buffer.from('eventId,__proto__\n1,2\n')),
      body('text/csv', Buffer.from('eventId,type\n1,2\n')),
      body('text/csv', Buffer.from('a,"b\n')),
      { ...body('application/x-ndjson', ndjson(mixedEvents())), maxEvents: 3 },
    ];
    for (const b of refused) {
      const a = await inThread.prepareBody(b).then(() => undefined, (e: unknown) => e);
      const p = await pooled.prepareBody(b).then(() => undefined, (e: unknown) => e);
      expect(a).toBeInstanceOf(a instanceof TooManyEventsError ? TooManyEventsError : BodyParseError);
      expect(p).toBeInstanceOf((a as object).constructor);
      expect({ ...(p as object), message: (p as Error).message }).toEqual({ ...(a as object), message: (a as Error).message });
    }
    expect(await pooled.prepareBody(body('text/plain', Buffer.from('x')))).toBeUndefined();
  });

  it('appends the same outcomes: accepted, rejected, duplicates and conflicts', async () => {
    const inThread = pipeline('in-thread-c', 0);
    const pooled = pipeline('pooled-c', 1);
    const events = mixedEvents();
    const submit = async (p: IngestPipeline, sent: unknown[]) => {
      const prepared = (await p.prepareBody(body('application/x-ndjson', ndjson(sent))))!;
      return p.submit(prepared.events, { key, channel: 'http', submissionId: 'same', receivedAt, recordedAt: receivedAt });
    };
    const first = [await submit(inThread, events), await submit(pooled, events)];
    expect(first[1]).toEqual(first[0]);
    const accepted = events.filter((_, i) => first[0].outcomes[i].kind === 'accepted');
    expect(accepted.length).toBeGreaterThan(20);
    // Resent: 20 accepted events (duplicates), one of them with other content (a conflict), the one sent with a UTC offset.
    const offset = events.find((e) => e.caseRef === 'BG-OFFSET-1')!;
    expect(accepted).toContain(offset);
    const resend = [...accepted.slice(0, 20), { ...accepted[0], occurredAt: '2020-01-01T00:00:00Z' }, offset];
    const second = [await submit(inThread, resend), await submit(pooled, resend)];
    expect(second[1]).toEqual(second[0]);
    expect(second[0].result.duplicates).toBe(21);
    expect(second[0].result.rejected.map((r) => r.errors[0].code)).toEqual(['event_id_conflict']);
  });

  it('fails the requests a stopped thread held, and serves the next request on a new thread', async () => {
    const pool = new PreparationPool(1, secret);
    try {
      const request = { contentType: 'application/x-ndjson', body: ndjson(mixedEvents()), key, receivedAt: receivedAt.getTime(), maxEvents: 10_000, hashBody: false };
      const held = pool.prepare(request);
      // The thread stops while it holds the request (as after a crash or running out of memory).
      await (pool as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads[0].worker.terminate();
      await expect(held).rejects.toBeInstanceOf(PreparationThreadError);
      await expect(held).rejects.toThrow(/nothing of it was acknowledged/);
      const next = await pool.prepare(request);
      expect(next.events.events.filter((e) => e.stored).length).toBeGreaterThan(20);
    } finally {
      await pool.close();
    }
  });
});
