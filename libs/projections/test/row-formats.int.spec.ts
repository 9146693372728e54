import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoSubmissions } from '@trm/demo-data';
import { getCatalogue } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import { InThreadBatchSource, ProjectorRunner, READ_MODEL_TABLES } from '@trm/projections';
import type { RowFormat } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * The projector's RowBinary rows are the JSON rows it wrote before (JSONCompactEachRow, DateTimes as
 * RFC 3339 text parsed with best_effort): one demo history on the real SQLite store, projected into
 * two chDB databases, once in each format, in small batches with a small case cache (cases refolded
 * from their streams); every read-model table then holds exactly the same rows in both.
 */
describe('row formats: RowBinary and JSON inserts give identical tables', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  let store: SqliteEventStore;
  const db = `fmt_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const dbs: Record<RowFormat, string> = { RowBinary: `${db}_bin`, JSONCompactEachRow: `${db}_json` };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-formats-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'formats-test' });
    const key = { id: 'test', role: 'submitter' as const, countries: ['*'] };
    for (const { events, at } of generateDemoSubmissions({ seed: 5, cases: 400, end: new Date('2026-06-01T00:00:00Z'), everyDays: 10 })) {
      const { result } = await pipeline.submit(events, { key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(at), recordedAt: new Date(at) });
      expect(result.rejected).toEqual([]);
    }
    for (const format of ['JSONCompactEachRow', 'RowBinary'] as const) {
      await migrate(warehouse, dbs[format]);
      await loadCatalogue(warehouse, dbs[format], getCatalogue()!);
      const source = new InThreadBatchSource(store, undefined, 25, 'formats-secret', format);
      const projector = new ProjectorRunner(store, warehouse, { db: dbs[format], batchSize: 113, source, recordKeySecret: 'formats-secret' });
      await projector.recover();
      await projector.catchUp();
      expect(projector.status().checkpoint).toBe(await store.headPosition());
      expect({ format, quarantined: await projector.quarantine() }).toEqual({ format, quarantined: [] });
    }
  }, 180_000);

  afterAll(async () => {
    await warehouse.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(READ_MODEL_TABLES)('%s: the same rows, value for value', async (table) => {
    const rows = async (format: RowFormat) => warehouse.query(`SELECT * FROM {db:Identifier}.${table} ORDER BY ALL`, { db: dbs[format] });
    const json = await rows('JSONCompactEachRow');
    const binary = await rows('RowBinary');
    expect(json.length).toBeGreaterThan(0);
    expect(binary).toHaveLength(json.length);
    expect(binary).toEqual(json);
  });
});
