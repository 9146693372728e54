import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEvents } from '@trm/demo-data';
import { getCatalogue } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * `catchUp()` on a projector whose loop is running (the CLI's replay did this: the runtime starts the
 * loop, then the command caught up before replaying). Both stepped from the same checkpoint and every
 * event reached the warehouse twice, so the live figures were wrong and the replay reported
 * differences. On the real SQLite store and chDB: each event is projected exactly once.
 */
describe('projector catch-up beside its running loop', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  let store: SqliteEventStore;
  const db = `catchup_${randomUUID().replace(/-/g, '').slice(0, 8)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-catchup-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
    await migrate(warehouse, db);
    await loadCatalogue(warehouse, db, getCatalogue()!);
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'catchup-test' });
    const events = [...generateDemoEvents({ seed: 11, cases: 150, end: new Date(Date.now() - 86_400_000) })];
    const { result } = await pipeline.submit(events, {
      key: { id: 'test', role: 'submitter', countries: ['*'] }, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(),
    });
    expect(result.accepted).toBeGreaterThan(1000);
  }, 120_000);

  afterAll(async () => {
    await warehouse?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects every event once when catchUp() is called while start() runs', async () => {
    const head = await store.headPosition();
    // Small batches: many steps, so a second stepper would overlap the loop's.
    const projector = new ProjectorRunner(store, warehouse, { db, batchSize: 97, recordKeySecret: 'catchup-test' });
    await projector.recover();
    projector.start();
    await projector.catchUp();
    expect(projector.status().checkpoint).toBe(head);
    await projector.stop();
    const [row] = await warehouse.query<{ rows: string | number; positions: string | number; top: string | number }>(
      `SELECT count() AS rows, uniqExact(position) AS positions, max(position) AS top FROM ${db}.events_v1`,
    );
    expect(Number(row.top)).toBe(head);
    expect(Number(row.rows)).toBe(Number(row.positions));
    expect(Number(row.positions)).toBe(head);
  }, 120_000);

  it('refuses a step beside another step instead of inserting a batch twice', async () => {
    const projector = new ProjectorRunner(store, warehouse, { db: `${db}`, batchSize: 50 });
    await projector.recover();
    const results = await Promise.allSettled([projector.step(), projector.step()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/already running/);
  }, 60_000);
});
