import { randomUUID } from 'node:crypto';
import { NO_STREAM, UnavailableError } from '@kurrent/kurrentdb-client';
import { EventIdConflictError, WrongExpectedVersionError } from '../src/errors';
import { chainHash, GENESIS_HASH } from '../src/hashing';
import { KurrentDbEventStore } from '../src/adapters/kurrentdb/kurrentdb-event-store.adapter';
import { Reservations } from '../src/adapters/kurrentdb/kurrentdb-reservations';
import { eventStoreConformance, reopenableHarness, testEvent } from '../src/testing/event-store.conformance';
import { FakeKurrentDb } from './fake-kurrentdb.client';

// The adapter's own logic (reservations, hash chain, positions, races) over an in-memory double of
// the client. Whether KurrentDB behaves like the double is what the int spec checks on a server.
eventStoreConformance('kurrentdb adapter over an in-memory client double', async () => {
  const fake = new FakeKurrentDb();
  return reopenableHarness(() => new KurrentDbEventStore({ connectionString: 'unused', namespace: 'conf/', client: fake.asClient() }));
});

describe('KurrentDB adapter protocol (client double)', () => {
  let fake: FakeKurrentDb;
  let store: KurrentDbEventStore;
  const stream = () => `trm-case-${randomUUID().slice(0, 8)}`;
  const open = (options: { claimLeaseMs?: number; namespace?: string } = {}) =>
    new KurrentDbEventStore({ connectionString: 'unused', client: fake.asClient(), ...options });

  beforeEach(() => {
    fake = new FakeKurrentDb();
    store = open();
  });
  afterEach(async () => store.close());

  it('keeps the catalogue stream in the global order beside the case streams; other streams are refused', async () => {
    const s = stream();
    await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }]);
    const [c] = await store.append([{ streamId: 'trm-catalogue', expected: 'no_stream', events: [testEvent()] }]);
    expect(c.revision).toBe(0);
    expect(await store.streamRevision('trm-catalogue')).toBe(0);
    expect((await store.readAll(0, 10)).map((e) => e.streamId)).toEqual([s, 'trm-catalogue']);
    expect(await store.headPosition()).toBe(c.positions[0]);
    await expect(store.append([{ streamId: 'trm-other', expected: 'any', events: [testEvent()] }])).rejects.toThrow(/case-stream prefix/);
  });

  it('reserves each eventId in its own stream and reads positions back for several events', async () => {
    const s = stream();
    const events = [testEvent(), testEvent(), testEvent()];
    const [r] = await store.append([{ streamId: s, expected: 'no_stream', events }]);
    expect(fake.streamNames('trm-eid-')).toHaveLength(3);
    const all = await store.readAll(0, 10);
    expect(all.map((e) => e.position)).toEqual(r.positions);
    const found = await store.findByEventIds(events.map((e) => e.eventId));
    expect([...found.values()].map((f) => [f.revision, f.position])).toEqual(r.positions.map((p, i) => [i, p]));
  });

  it("pins each case-stream append to the revision its hash chain was built on, whatever the caller's expected state", async () => {
    const s = stream();
    await store.append([{ streamId: s, expected: 'any', events: [testEvent()] }]);
    expect(fake.streamStates.get(s)).toBe(NO_STREAM);
    await store.append([{ streamId: s, expected: 'stream_exists', events: [testEvent()] }]);
    expect(fake.streamStates.get(s)).toBe(0n);
    await store.append([{ streamId: s, expected: 'any', events: [testEvent(), testEvent()] }]);
    expect(fake.streamStates.get(s)).toBe(1n);
    await store.append([{ streamId: s, expected: 3, events: [testEvent()] }]);
    expect(fake.streamStates.get(s)).toBe(3n);
  });

  it('reads from any number, not only from positions KurrentDB would accept', async () => {
    const s = stream();
    for (let i = 0; i < 5; i++) await store.append([{ streamId: s, expected: 'any', events: [testEvent({ data: { i } })] }]);
    const all = await store.readAll(0, 100);
    const head = await store.headPosition();
    expect(head).toBe(all[4].position);
    expect((await store.readAll(head - 1, 1)).map((e) => e.data.i)).toEqual([4]);
    expect((await store.readAll(all[1].position + 3, 2)).map((e) => e.data.i)).toEqual([2, 3]);
    expect(await store.readAll(head, 10)).toEqual([]);
    expect(await store.readAll(head + 12345, 10)).toEqual([]);
  });

  it('checks a whole batch before writing: a conflict in the second stream writes nothing', async () => {
    const [a, b] = [stream(), stream()];
    const stored = testEvent();
    await store.append([{ streamId: b, expected: 'any', events: [stored] }]);
    await expect(store.append([
      { streamId: a, expected: 'no_stream', events: [testEvent()] },
      { streamId: b, expected: 'any', events: [{ ...stored, contentHash: 'c'.repeat(64) }] },
    ])).rejects.toBeInstanceOf(EventIdConflictError);
    expect(await store.readStream(a)).toEqual([]);
  });

  it('is not atomic across streams: a server failure part-way leaves the earlier stream written, and a retry completes it', async () => {
    const [a, b] = [stream(), stream()];
    const batch = [
      { streamId: a, expected: 'any' as const, events: [testEvent()] },
      { streamId: b, expected: 'any' as const, events: [testEvent()] },
    ];
    let failed = false;
    fake.beforeAppend = (name) => {
      if (name === b && !failed) {
        failed = true;
        throw new UnavailableError();
      }
    };
    await expect(store.append(batch)).rejects.toBeInstanceOf(UnavailableError);
    expect(await store.readStream(a)).toHaveLength(1);
    const retried = await store.append(batch);
    expect(retried.map((r) => r.positions[0] === undefined)).toEqual([true, false]);
    expect(await store.readStream(b)).toHaveLength(1);
  });

  it('re-plans after losing the race for a stream when the caller expected any state, keeping the chain intact', async () => {
    const s = stream();
    await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }]);
    const other = open();
    let raced = false;
    fake.beforeAppend = async (name) => {
      if (name === s && !raced) {
        raced = true;
        await other.append([{ streamId: s, expected: 'any', events: [testEvent()] }]);
      }
    };
    const [r] = await store.append([{ streamId: s, expected: 'any', events: [testEvent()] }]);
    expect(r.revision).toBe(2);
    const read = await store.readStream(s);
    expect(read[0].prevHash).toBe(GENESIS_HASH);
    read.forEach((e, i) => {
      expect(e.hash).toBe(chainHash(e.prevHash, e));
      if (i > 0) expect(e.prevHash).toBe(read[i - 1].hash);
    });
    await other.close();
  });

  it('reports a lost race as our WrongExpectedVersionError when the caller expected a revision, and releases its claims', async () => {
    const s = stream();
    await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }]);
    const other = open();
    fake.beforeAppend = async (name) => {
      if (name === s) {
        fake.beforeAppend = undefined;
        await other.append([{ streamId: s, expected: 0, events: [testEvent()] }]);
      }
    };
    const loser = testEvent();
    const err = await store.append([{ streamId: s, expected: 0, events: [loser] }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongExpectedVersionError);
    expect(err).toMatchObject({ streamId: s, expected: 0, actual: 1 });
    expect(await new Reservations(fake.asClient(), '').read(loser.eventId)).toMatchObject({ state: 'released' });
    expect((await store.findByEventIds([loser.eventId])).size).toBe(0);
    // Released: the id is free again, even for other content.
    const [ok] = await store.append([{ streamId: s, expected: 1, events: [{ ...loser, contentHash: 'd'.repeat(64) }] }]);
    expect(ok.revision).toBe(2);
    await other.close();
  });

  it('does not lose an event whose claim was released after another writer, reusing that claim, stored it', async () => {
    const s = stream();
    await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }]);
    const other = open();
    const e = testEvent();
    let step: 'race' | 'fail-marker' | 'done' = 'race';
    fake.beforeAppend = async (name) => {
      if (step === 'race' && name === s) {
        step = 'fail-marker';
        await other.append([{ streamId: s, expected: 'any', events: [e] }]); // reuses our identical claim
        step = 'done';
      } else if (step === 'fail-marker' && name.startsWith('trm-eid-')) {
        throw new UnavailableError(); // the other writer's stored marker is lost
      }
    };
    const [r] = await store.append([{ streamId: s, expected: 'any', events: [e] }]);
    expect(r.positions).toEqual([undefined]);
    expect(await new Reservations(fake.asClient(), '').read(e.eventId)).toMatchObject({ state: 'released', streamId: s });
    expect((await store.findByEventIds([e.eventId])).get(e.eventId)).toMatchObject({ streamId: s, revision: 1 });
    await expect(store.append([{ streamId: stream(), expected: 'any', events: [{ ...e, contentHash: '9'.repeat(64) }] }]))
      .rejects.toBeInstanceOf(EventIdConflictError);
    expect((await store.readStream(s)).map((x) => x.eventId)).toHaveLength(2);
    await other.close();
  });

  it('resolves a claim whose writer died before appending: same content goes through, other content waits for the lease', async () => {
    const s = stream();
    const e = testEvent();
    await new Reservations(fake.asClient(), '').claim(e.eventId.toLowerCase(), { state: 'none' }, { streamId: s, contentHash: e.contentHash });
    expect((await store.findByEventIds([e.eventId])).size).toBe(0);
    await expect(store.append([{ streamId: s, expected: 'any', events: [{ ...e, contentHash: 'e'.repeat(64) }] }]))
      .rejects.toBeInstanceOf(EventIdConflictError);
    const [r] = await store.append([{ streamId: s, expected: 'any', events: [e] }]);
    expect(r.positions[0]).toBeGreaterThan(0);
    expect((await store.findByEventIds([e.eventId])).get(e.eventId)).toMatchObject({ streamId: s, revision: 0 });

    const stale = testEvent();
    await new Reservations(fake.asClient(), '').claim(stale.eventId, { state: 'none' }, { streamId: s, contentHash: stale.contentHash });
    const afterLease = open({ claimLeaseMs: 0 });
    await new Promise((r) => setTimeout(r, 5));
    const [taken] = await afterLease.append([{ streamId: s, expected: 'any', events: [{ ...stale, contentHash: 'f'.repeat(64) }] }]);
    expect(taken.positions[0]).toBeGreaterThan(0);
    await afterLease.close();
  });

  it('finds an event whose stored marker was never written through its claim and stream', async () => {
    const s = stream();
    const e = testEvent();
    fake.beforeAppend = (name) => {
      if (name.startsWith('trm-eid-') && fake.streamNames(s).length === 1) throw new UnavailableError();
    };
    const [r] = await store.append([{ streamId: s, expected: 'any', events: [e] }]);
    fake.beforeAppend = undefined;
    expect(await new Reservations(fake.asClient(), '').read(e.eventId)).toMatchObject({ state: 'claimed' });
    expect((await store.findByEventIds([e.eventId])).get(e.eventId)).toMatchObject({ streamId: s, revision: 0, position: r.positions[0] });
    const [again] = await store.append([{ streamId: s, expected: 'any', events: [e] }]);
    expect(again.positions).toEqual([undefined]);
  });

  it('keeps stores in different namespaces apart on one server', async () => {
    const a = open({ namespace: 'a/' });
    const b = open({ namespace: 'b/' });
    const e = testEvent();
    await a.append([{ streamId: 'trm-case-x', expected: 'no_stream', events: [e] }]);
    expect(await b.readStream('trm-case-x')).toEqual([]);
    expect(await b.headPosition()).toBe(0);
    expect((await b.findByEventIds([e.eventId])).size).toBe(0);
    expect((await a.readAll(0, 10)).map((x) => x.streamId)).toEqual(['trm-case-x']);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses streams outside the case prefix, and prefixes that would take in reservations', async () => {
    await expect(store.append([{ streamId: 'other-1', expected: 'any', events: [testEvent()] }])).rejects.toThrow(/prefix/);
    expect(() => new KurrentDbEventStore({ connectionString: 'unused', client: fake.asClient(), streamPrefix: 'trm-' })).toThrow(/reservation/);
  });

  it('wakes a waiter promptly, times out otherwise, and close() releases pending waits', async () => {
    const head = await store.headPosition();
    const t0 = Date.now();
    await store.waitForAppend(head, 50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    const waited = store.waitForAppend(head, 10_000);
    await new Promise((r) => setTimeout(r, 10));
    await store.append([{ streamId: stream(), expected: 'any', events: [testEvent()] }]);
    await waited;
    expect(Date.now() - t0).toBeLessThan(2000);
    const pending = store.waitForAppend(await store.headPosition(), 10_000);
    await store.close();
    await pending;
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
