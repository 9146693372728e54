import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src';
import { testEvent } from '../src/testing/event-store.conformance';

async function until(check: () => boolean, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/** 20 appends of 100 events of ~1 KB: a few MB of WAL, well past SQLite's 1000-page automatic checkpoint. */
async function fill(store: SqliteEventStore): Promise<string[]> {
  const ids: string[] = [];
  for (let s = 0; s < 20; s++) {
    const events = Array.from({ length: 100 }, () => {
      const eventId = randomUUID();
      ids.push(eventId);
      return testEvent({ eventId, data: { eventId, pad: 'x'.repeat(1000) } });
    });
    await store.append([{ streamId: `case-${s}`, expected: 'any', events }]);
  }
  return ids;
}

describe('sqlite event store: WAL checkpoints off the commit path', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'trm-wal-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits without checkpointing and moves the WAL into the database file on its own thread', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2); // FULL: every commit fsynced
    const before = statSync(path).size;
    const ids = await fill(store);
    // Only the checkpointer writes pages into the main file while the writer is open.
    expect(await until(() => statSync(path).size > before + 1_000_000)).toBe(true);
    expect((await store.findByEventIds(ids)).size).toBe(ids.length);
    await store.close();
  });

  it('keeps every committed event when the process dies before any checkpoint (durable in the WAL)', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path, walCheckpoints: 'background' });
    const ids = await fill(store);
    // Read through a second connection while the writer is still open (as after a kill -9, the WAL is replayed).
    const other = new Database(path, { readonly: true });
    expect((other.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(ids.length);
    other.close();
    await store.close();
    const reopened = new SqliteEventStore({ path });
    expect((await reopened.findByEventIds(ids)).size).toBe(ids.length);
    expect(await reopened.headPosition()).toBe(ids.length);
    await reopened.close();
  });

  it("leaves SQLite's own checkpoints when asked to", async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), walCheckpoints: 'sqlite' });
    expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });
});
