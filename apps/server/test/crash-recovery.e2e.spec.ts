import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trm/event-store';
import { startServerProcess } from '@trm/testing/service/server-process';
import { writeTestKeys } from '@trm/testing/service/service-harness';
import { ChdbWarehouse } from '@trm/warehouse';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';

describe('durability of acknowledged events (separate server process)', () => {
  let dataDir: string;
  let keysFile: string;
  const port = 30000 + Math.floor(Math.random() * 20000);
  const auth = { authorization: 'Bearer secret-submitter', 'content-type': 'application/x-ndjson' };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trm-crash-'));
    keysFile = writeTestKeys(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged event exactly once across a restart and a kill -9 during concurrent submissions', async () => {
    const env = { TRM_DATA_DIR: dataDir, TRM_KEYS_FILE: keysFile };
    let server = await startServerProcess(env, port);
    const first = [opened('BG-R-1'), measure('BG-R-1', 'SOP1.M1')];
    const r = await (await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: auth, body: ndjson(first) })).json();
    expect(r.accepted).toBe(2);
    await server.stop();

    // Restart: everything still there.
    server = await startServerProcess(env, port);
    const again = await (await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: auth, body: ndjson(first) })).json();
    expect(again.duplicates).toBe(2);

    // Concurrent submitters; SIGKILL while they are in flight.
    const acknowledged = new Set<string>();
    const sent: string[] = [];
    let stop = false;
    const submitter = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const ref = `BG-K-${w}-${i}`;
        const batch = [opened(ref), ...Array.from({ length: 30 }, (_, j) => ({ ...measure(ref, 'SOP1.M2', 'offered'), eventId: randomUUID(), occurredAt: `2024-03-0${1 + (j % 5)}T10:00:00Z` }))];
        batch.forEach((e) => sent.push(e.eventId));
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: auth, body: ndjson(batch) });
          const body = await res.json();
          if (res.ok && body.accepted === batch.length) batch.forEach((e) => acknowledged.add(e.eventId));
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const workers = [0, 1, 2, 3].map(submitter);
    await new Promise((res) => setTimeout(res, 1500));
    await server.stop('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.size).toBeGreaterThan(100);

    // After the crash: the projector repairs the warehouse from its checkpoint on start.
    server = await startServerProcess(env, port);
    const health = { headers: { authorization: auth.authorization } }; // details need a key
    const head = (await (await fetch(`http://127.0.0.1:${port}/health`, health)).json()).components.eventStore.head;
    for (let i = 0; i < 100; i++) {
      const h = await (await fetch(`http://127.0.0.1:${port}/health`, health)).json();
      if (h.components.projector.checkpoint >= head) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    await server.stop();

    const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const counts = new Map<string, number>();
    for (let after = 0; ;) {
      const page = await store.readAll(after, 10_000);
      if (!page.length) break;
      for (const e of page) counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1);
      after = page[page.length - 1].position;
    }
    await store.close();
    for (const id of acknowledged) expect(counts.get(id)).toBe(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    const warehouse = new ChdbWarehouse(join(dataDir, 'warehouse'));
    const rows = await warehouse.query<{ n: number; d: number }>('SELECT count() AS n, uniqExact(event_id) AS d FROM trm.events_v1');
    await warehouse.close();
    expect(Number(rows[0].n)).toBe(counts.size);
    expect(Number(rows[0].d)).toBe(counts.size);
  });
});
