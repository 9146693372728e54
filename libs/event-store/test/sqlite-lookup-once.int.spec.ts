import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdConflictError, SqliteEventStore } from '../src';
import { testEvent } from '../src/testing/event-store.conformance';

// The append trusts the absent ids of the findByEventIds just before it (one lookup per event,
// not two) only while nothing was committed since: these are the cases where it must not.
describe('sqlite event store: ids looked up once', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-lookup-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends what it found absent, and the ids are then found', async () => {
    const store = new SqliteEventStore({ path });
    const events = [testEvent(), testEvent()];
    expect((await store.findByEventIds(events.map((e) => e.eventId))).size).toBe(0);
    const [r] = await store.append([{ streamId: 'case-1', expected: 'no_stream', events }]);
    expect(r.positions).toEqual([1, 2]);
    expect((await store.findByEventIds(events.map((e) => e.eventId.toUpperCase()))).size).toBe(2);
    await store.close();
  });

  it('looks again when this connection appended the id in between', async () => {
    const store = new SqliteEventStore({ path });
    const e = testEvent();
    await store.findByEventIds([e.eventId]);
    await store.append([{ streamId: 'case-1', expected: 'any', events: [e] }]);
    const [again] = await store.append([{ streamId: 'case-2', expected: 'any', events: [e] }]);
    expect(again.positions).toEqual([undefined]); // a duplicate, not a second copy
    await expect(store.append([{ streamId: 'case-3', expected: 'any', events: [{ ...e, contentHash: 'b'.repeat(64) }] }]))
      .rejects.toBeInstanceOf(EventIdConflictError);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('looks again when another connection committed in between', async () => {
    const store = new SqliteEventStore({ path });
    const eventId = randomUUID();
    expect((await store.findByEventIds([eventId])).size).toBe(0);
    const other = new SqliteEventStore({ path, walCheckpoints: 'sqlite' });
    await other.append([{ streamId: 'case-9', expected: 'any', events: [testEvent({ eventId, contentHash: 'c'.repeat(64) })] }]);
    await other.close();
    await expect(store.append([{ streamId: 'case-1', expected: 'any', events: [testEvent({ eventId })] }]))
      .rejects.toBeInstanceOf(EventIdConflictError);
    await store.close();
  });
});
