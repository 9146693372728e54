import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { streamIdOf } from '../event-store.port';
import { EventIdConflictError, WrongExpectedVersionError } from '../errors';
import { chainHash, GENESIS_HASH } from '../hashing';

export interface EventStoreHarness {
  store: EventStore;
  /** Closes and opens the same store again (durability); omit when the adapter cannot. */
  reopen?: () => Promise<EventStore>;
  teardown: () => Promise<void>;
}

/** A harness over a store that can be closed and opened again with `open()` (same file, server or double). */
export function reopenableHarness(open: () => EventStore, cleanup: () => void | Promise<void> = () => undefined): EventStoreHarness {
  let store = open();
  return {
    store,
    reopen: async () => {
      await store.close();
      store = open();
      return store;
    },
    teardown: async () => {
      await store.close();
      await cleanup();
    },
  };
}

const meta = { recordedAt: '2026-01-01T00:00:00.000Z', submissionId: 'sub-1', keyId: 'key-1', channel: 'http' as const };

export function testEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  const eventId = overrides.eventId ?? randomUUID();
  return { eventId, type: 'measure.recorded', data: { eventId, n: 1 }, metadata: meta, contentHash: `${'a'.repeat(63)}1`, ...overrides };
}

export interface ConformanceOptions {
  /**
   * Why the suite cannot run here (no server configured): its tests are then reported as skipped,
   * with this reason in the suite's title and on the console, rather than passing without running.
   */
  skip?: string;
}

/**
 * The behaviour every event-store adapter must have. Each adapter's spec calls this with a factory
 * giving a fresh, empty store (a unique stream prefix is enough for a shared server).
 */
export function eventStoreConformance(adapter: string, factory: () => Promise<EventStoreHarness>, options: ConformanceOptions = {}): void {
  const title = `event store conformance: ${adapter}`;
  if (options.skip) console.warn(`${title} SKIPPED: ${options.skip}`);
  (options.skip ? describe.skip : describe)(options.skip ? `${title} (skipped: ${options.skip})` : title, () => {
    let h: EventStoreHarness;
    let store: EventStore;
    const stream = () => streamIdOf(randomUUID().replace(/-/g, '').slice(0, 26));
    beforeEach(async () => {
      h = await factory();
      store = h.store;
    });
    afterEach(async () => h.teardown());

    it('appends to a new stream with revisions from 0 and strictly increasing global positions', async () => {
      const s = stream();
      const [r] = await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent(), testEvent()] }]);
      expect(r.revision).toBe(1);
      expect(r.positions).toHaveLength(2);
      expect(r.positions[1]!).toBeGreaterThan(r.positions[0]!);
      const read = await store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual([0, 1]);
      expect(read[0].metadata).toEqual(meta);
      expect(await store.streamRevision(s)).toBe(1);
      expect(await store.streamRevision(stream())).toBe(-1);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(r.positions[1]!);
    });

    it('rejects a wrong expected revision and writes nothing', async () => {
      const s = stream();
      await store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }]);
      await expect(store.append([{ streamId: s, expected: 'no_stream', events: [testEvent()] }])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append([{ streamId: s, expected: 5, events: [testEvent()] }])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append([{ streamId: stream(), expected: 'stream_exists', events: [testEvent()] }])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(s)).toHaveLength(1);
      const [ok] = await store.append([{ streamId: s, expected: 0, events: [testEvent()] }]);
      expect(ok.revision).toBe(1);
    });

    it('is idempotent by eventId: the same event again is a no-op, different content a conflict', async () => {
      const s = stream();
      const e = testEvent();
      await store.append([{ streamId: s, expected: 'any', events: [e] }]);
      const [again] = await store.append([{ streamId: s, expected: 'any', events: [{ ...e, eventId: e.eventId.toUpperCase() }] }]);
      expect(again.positions).toEqual([undefined]);
      expect(await store.readStream(s)).toHaveLength(1);
      await expect(
        store.append([{ streamId: s, expected: 'any', events: [{ ...e, contentHash: 'b'.repeat(64) }] }]),
      ).rejects.toBeInstanceOf(EventIdConflictError);
      const found = await store.findByEventIds([e.eventId, randomUUID()]);
      expect([...found.keys()]).toEqual([e.eventId.toLowerCase()]);
      expect(found.get(e.eventId.toLowerCase())).toMatchObject({ streamId: s, revision: 0, contentHash: e.contentHash });
    });

    it('keeps a global order readable from any position (catch-up)', async () => {
      const start = await store.headPosition();
      const streams = [stream(), stream(), stream()];
      for (let i = 0; i < 9; i++) {
        await store.append([{ streamId: streams[i % 3], expected: 'any', events: [testEvent({ data: { i } })] }]);
      }
      const all = await store.readAll(start, 100);
      const mine = all.filter((e) => streams.includes(e.streamId));
      expect(mine.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      const page = await store.readAll(mine[3].position - 1, 2);
      expect(page[0].position).toBe(mine[3].position);
      expect(page).toHaveLength(2);
    });

    it('reads the same events without hashes when asked (hashes: false), metadata of several submissions included', async () => {
      const start = await store.headPosition();
      const s = stream();
      const other = { ...meta, submissionId: randomUUID() };
      await store.append([{ streamId: s, expected: 'any', events: [testEvent({ data: { i: 0 } }), testEvent({ data: { i: 1 } })] }]);
      await store.append([{ streamId: s, expected: 'any', events: [testEvent({ data: { i: 2 }, metadata: other })] }]);
      const withoutHashes = ({ contentHash: _c, prevHash: _p, hash: _h, globalHash: _g, ...rest }: RecordedEvent) => rest;
      const full = await store.readStream(s);
      expect(full.map((e) => e.metadata.submissionId)).toEqual([meta.submissionId, meta.submissionId, other.submissionId]);
      expect((await store.readStream(s, { hashes: false })).map(withoutHashes)).toEqual(full.map(withoutHashes));
      const all = (await store.readAll(start, 100)).filter((e) => e.streamId === s);
      const light = (await store.readAll(start, 100, { hashes: false })).filter((e) => e.streamId === s);
      expect(light.map(withoutHashes)).toEqual(all.map(withoutHashes));
    });

    it('chains hashes per stream', async () => {
      const s = stream();
      await store.append([{ streamId: s, expected: 'any', events: [testEvent(), testEvent(), testEvent()] }]);
      const read = await store.readStream(s);
      expect(read[0].prevHash).toBe(GENESIS_HASH);
      for (let i = 0; i < read.length; i++) {
        const e = read[i];
        expect(e.hash).toBe(chainHash(e.prevHash, e));
        if (i > 0) expect(e.prevHash).toBe(read[i - 1].hash);
      }
    });

    it('appends several streams in one call', async () => {
      const [a, b] = [stream(), stream()];
      const r = await store.append([
        { streamId: a, expected: 'no_stream', events: [testEvent()] },
        { streamId: b, expected: 'no_stream', events: [testEvent(), testEvent()] },
      ]);
      expect(r.map((x) => x.revision)).toEqual([0, 1]);
    });

    it('wakes a catch-up reader when events are appended', async () => {
      const head = await store.headPosition();
      const waited = store.waitForAppend(head, 5000);
      const t0 = Date.now();
      await store.append([{ streamId: stream(), expected: 'any', events: [testEvent()] }]);
      await waited;
      expect(Date.now() - t0).toBeLessThan(4500);
      expect(await store.headPosition()).toBeGreaterThan(head);
    });

    it('keeps everything across a reopen', async () => {
      if (!h.reopen) return;
      const s = stream();
      await store.append([{ streamId: s, expected: 'any', events: [testEvent(), testEvent()] }]);
      const head = await store.headPosition();
      store = await h.reopen();
      expect(await store.readStream(s)).toHaveLength(2);
      expect(await store.headPosition()).toBe(head);
      const [r] = await store.append([{ streamId: s, expected: 1, events: [testEvent()] }]);
      expect(r.revision).toBe(2);
    });
  });
}
