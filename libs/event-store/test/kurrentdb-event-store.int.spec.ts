import { randomUUID } from 'node:crypto';
import { EventIdConflictError } from '../src/errors';
import type { EventStore } from '../src/event-store.port';
import { KurrentDbEventStore } from '../src/adapters/kurrentdb/kurrentdb-event-store.adapter';
import { eventStoreConformance, reopenableHarness, testEvent } from '../src/testing/event-store.conformance';

const url = process.env.KURRENTDB_URL;
/** Why the server suites cannot run here; undefined when a server is configured. */
const notRun = url ? undefined
  : 'KURRENTDB_URL is not set (no KurrentDB server can run on this machine). '
    + 'Set KURRENTDB_URL=kurrentdb://host:2113?tls=false to run it against a server';
if (notRun) console.warn(`KurrentDB server specifics SKIPPED: ${notRun}`);

// A namespace per harness: on a shared server the suite's readAll/headPosition checks then see
// only the streams this harness wrote, and a reopen sees exactly the same store.
eventStoreConformance('kurrentdb', async () => {
  const namespace = `trm-conf-${randomUUID().slice(0, 8)}/`;
  return reopenableHarness(() => new KurrentDbEventStore({ connectionString: url!, namespace }));
}, { skip: notRun });

const specifics = 'KurrentDB server specifics';
(notRun ? describe.skip : describe)(notRun ? `${specifics} (skipped: ${notRun})` : specifics, () => {
  let store: KurrentDbEventStore;
  beforeEach(() => {
    store = new KurrentDbEventStore({ connectionString: url!, namespace: `trm-conf-${randomUUID().slice(0, 8)}/` });
  });
  afterEach(async () => store.close());

  it('answers ping', async () => {
    await store.ping();
  });

  it('keeps an eventId unique across streams through its reservation stream', async () => {
    const [a, b] = [`trm-case-${randomUUID().slice(0, 8)}`, `trm-case-${randomUUID().slice(0, 8)}`];
    const e = testEvent();
    const [first] = await store.append([{ streamId: a, expected: 'no_stream', events: [e] }]);
    await expect(store.append([{ streamId: b, expected: 'any', events: [{ ...e, contentHash: 'b'.repeat(64) }] }]))
      .rejects.toBeInstanceOf(EventIdConflictError);
    const [again] = await store.append([{ streamId: b, expected: 'any', events: [e] }]);
    expect(again.positions).toEqual([undefined]);
    expect((await store.findByEventIds([e.eventId.toUpperCase()])).get(e.eventId)).toMatchObject({
      streamId: a, revision: 0, position: first.positions[0],
    });
    expect(await store.readStream(b)).toEqual([]);
  });

  it('reads from a position inside a record (KurrentDB refuses those) by seeking back', async () => {
    const s = `trm-case-${randomUUID().slice(0, 8)}`;
    await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent({ data: { i: 0 } }), testEvent({ data: { i: 1 } })] }]);
    const head = await store.headPosition();
    expect((await store.readAll(head - 1, 1)).map((e) => e.data.i)).toEqual([1]);
  });
});

describe('KurrentDB adapter without a server', () => {
  it('loads (with the client\'s native bridge) and has every member of the port, connecting lazily', async () => {
    const store: EventStore = new KurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
    const members: Record<keyof EventStore, true> = {
      name: true, append: true, findByEventIds: true, readStream: true, streamRevision: true, readAll: true, headPosition: true,
      waitForAppend: true, ping: true, close: true,
    };
    for (const member of Object.keys(members) as (keyof EventStore)[]) {
      if (member === 'name') expect(store.name).toBe('kurrentdb');
      else expect(typeof store[member]).toBe('function');
    }
    await store.close();
  });
});
