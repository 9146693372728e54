import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoSubmissions } from '@trm/demo-data';
import { getCatalogue } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { computeIndicator, INDICATORS, latestSnapshot, NO_SNAPSHOT } from '@trm/indicators';
import { IngestPipeline } from '@trm/ingest';
import { InThreadBatchSource, ProjectorRunner, READ_MODEL_TABLES, retire, SNAPSHOT_TABLES, TABLE_COLUMNS } from '@trm/projections';
import type { SnapshotInfo } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * The signed case views and their snapshots, on the real SQLite store and chDB: a demo history
 * projected in small batches (so cases span batches and are refolded from their streams), with
 * snapshots taken automatically; every indicator then gives the same rows from the snapshots as
 * from the versions alone, as of now and as of earlier knowledge times.
 */
describe('case views: signed versions, refolding and snapshots', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  let store: SqliteEventStore;
  const db = `views_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const times: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-views-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
    await migrate(warehouse, db);
    await loadCatalogue(warehouse, db, getCatalogue()!);
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'views-test' });
    const key = { id: 'test', role: 'submitter' as const, countries: ['*'] };
    // A submission a week: every event of it is recorded at the time the last one was reported.
    for (const { events, at } of generateDemoSubmissions({ seed: 7, cases: 300, end: new Date('2026-06-01T00:00:00Z'), everyDays: 7 })) {
      const { result } = await pipeline.submit(events, { key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(at), recordedAt: new Date(at) });
      expect(result.rejected).toEqual([]);
      times.push(at);
    }
  });

  afterAll(async () => {
    await warehouse.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects in small batches with a small case cache, snapshots on the way, and agrees with and without snapshots', async () => {
    const projector = new ProjectorRunner(store, warehouse, {
      db, batchSize: 97, snapshotRows: 100, source: new InThreadBatchSource(store, undefined, 20),
    });
    await projector.recover();
    await projector.catchUp();
    const snapshots = await projector.snapshots.list();
    expect(snapshots.length).toBeGreaterThanOrEqual(2);

    // Each snapshot (built from the one before, by row identity) holds exactly the versions that
    // had not cancelled by its position, collapsed from the whole history.
    for (const s of snapshots) {
      for (const { view, snapshots: table } of SNAPSHOT_TABLES) {
        const cols = (await warehouse.query<{ name: string }>(
          `SELECT name FROM system.columns WHERE database = {db:String} AND table = {view:String}
             AND name NOT IN ('sign', 'position', 'recorded_at') AND default_kind != 'MATERIALIZED' ORDER BY position`, { db, view },
        )).map((c) => c.name).join(', ');
        const [built] = await warehouse.query(
          `SELECT count() AS n, toString(sum(cityHash64(${cols}))) AS h, min(sign) AS lo, max(sign) AS hi
             FROM {db:Identifier}.{table:Identifier} WHERE snapshot = {s:UInt64}`, { db, table, s: s.snapshot },
        );
        const [collapsed] = await warehouse.query(
          `SELECT count() AS n, toString(sum(cityHash64(${cols}))) AS h, min(net) AS lo, max(net) AS hi FROM (
             SELECT ${cols}, sum(sign) AS net FROM {db:Identifier}.{view:Identifier} WHERE position <= {p:UInt64}
             GROUP BY ${cols} HAVING net != 0)`, { db, view, p: s.position },
        );
        expect({ view, at: s.position, ...built }).toEqual({ view, at: s.position, ...collapsed });
      }
    }

    // Σ sign per case (per pair) is 1 or 0: never negative, never more than one live version.
    for (const [view, key] of [['case_view_v1', 'case_id'], ['measure_view_v1', 'case_id, measure'], ['deadline_view_v1', 'case_id, measure']]) {
      const [bad] = await warehouse.query<{ n: number }>(
        `SELECT count() AS n FROM (SELECT ${key}, sum(sign) AS s FROM {db:Identifier}.{view:Identifier} GROUP BY ${key} HAVING s NOT IN (0, 1))`, { db, view },
      );
      expect({ view, bad: Number(bad.n) }).toEqual({ view, bad: 0 });
    }
    // Pairs that can be overdue include ones without any record of their measure.
    const [unrecorded] = await warehouse.query<{ n: number }>(
      `SELECT count() AS n FROM (SELECT case_id, measure FROM {db:Identifier}.deadline_view_v1 GROUP BY case_id, measure HAVING sum(sign) = 1)
        WHERE (case_id, measure) NOT IN (SELECT case_id, measure FROM {db:Identifier}.measure_view_v1)`, { db },
    );
    expect(Number(unrecorded.n)).toBeGreaterThan(0);
    const [live] = await warehouse.query<{ n: number }>('SELECT sum(sign) AS n FROM {db:Identifier}.case_view_v1', { db });
    const [opened] = await warehouse.query<{ n: number }>(
      `SELECT count() AS n FROM {db:Identifier}.cases_v1
        WHERE event_id NOT IN (SELECT retracts_event_id FROM {db:Identifier}.retractions_v1)`, { db },
    );
    expect(Number(live.n)).toBe(Number(opened.n));

    const asOfs = [new Date(times[Math.floor(times.length / 2)]), new Date(snapshots.at(-1)!.snapshot), new Date(snapshots.at(-1)!.snapshot + 1), new Date()];
    let compared = 0;
    for (const [i, asOf] of asOfs.entries()) {
      if (i === asOfs.length - 1) {
        // A snapshot at the checkpoint: as of now, the figures come from it alone.
        const last = await projector.snapshots.build(projector.status().checkpoint);
        expect(last.position).toBe(projector.status().checkpoint);
        expect((await latestSnapshot(warehouse, db, asOf)).eventsSince).toBe(0);
      }
      for (const def of INDICATORS) {
        const q = { asOf, groupBy: def.dimensions.includes('country') ? ['country' as const] : [] };
        const versionsOnly = await computeIndicator(warehouse, db, def, q, { snapshot: NO_SNAPSHOT });
        expect(await computeIndicator(warehouse, db, def, q, { snapshot: NO_SNAPSHOT, live: true })).toEqual(versionsOnly);
        // Both forms of an indicator that has a form over the live rows (measure.days_to).
        for (const live of [true, false]) {
          const fromSnapshot = await computeIndicator(warehouse, db, def, q, { live });
          expect(fromSnapshot).toEqual(versionsOnly);
        }
        compared += versionsOnly.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('writes every row as one value per column of TABLE_COLUMNS, each value where its column is', async () => {
    const events = await store.readAll(0, 1_000_000);
    // In JSON, to read the rows back here (row-formats.int.spec.ts: the RowBinary rows are the same).
    const batch = await new InThreadBatchSource(store, undefined, undefined, undefined, 'JSONCompactEachRow').next(0, 1_000_000);
    const byId = new Map(events.map((e) => [e.eventId, e]));
    for (const table of READ_MODEL_TABLES) {
      const rows = Buffer.from(batch!.tables[table]).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown[]);
      expect({ table, some: rows.length > 0 }).toEqual({ table, some: true });
      for (const r of rows) expect({ table, values: r.length }).toEqual({ table, values: TABLE_COLUMNS[table].length });
      const at = (name: string) => TABLE_COLUMNS[table].indexOf(name);
      for (const r of rows) {
        if (at('event_id') >= 0) {
          // A per-event row: its columns hold that event's position, case, country and times.
          const e = byId.get(r[at('event_id')] as string)!;
          const d = e.data as { caseId: string; country: string; occurredAt: string };
          expect([r[at('position')], r[at('case_id')], r[at('country')], r[at(table === 'cases_v1' ? 'opened_at' : 'occurred_at')], r[at('recorded_at')]])
            .toEqual([e.position, d.caseId, d.country, d.occurredAt, e.metadata.recordedAt]);
          if (table === 'measure_records_v1') expect(r[at('measure')]).toBe((e.data as { measure: string }).measure);
        } else if (at('sign') >= 0) {
          expect([1, -1]).toContain(r[at('sign')]);
          expect(r[at('case_id')]).toMatch(/^[a-z2-7]{26}$/);
          expect(typeof r[at('is_child')]).toBe('boolean');
          if (at('measure') >= 0) expect(r[at('measure')]).toMatch(/^SOP\d\./);
        }
      }
    }
  });

  it('running, snapshots at the checkpoint once caught up and quiet', async () => {
    const running = `${db}_run`;
    await migrate(warehouse, running);
    await loadCatalogue(warehouse, running, getCatalogue()!);
    const projector = new ProjectorRunner(store, warehouse, { db: running, snapshotRows: 100 });
    await projector.recover();
    projector.start();
    try {
      expect((await projector.waitForHead(60_000)).complete).toBe(true);
      const checkpoint = projector.status().checkpoint;
      let last: SnapshotInfo | undefined;
      for (let i = 0; i < 100 && last?.position !== checkpoint; i++) {
        await new Promise((r) => setTimeout(r, 200));
        last = (await projector.snapshots.list()).at(-1);
      }
      expect(last?.position).toBe(checkpoint);
    } finally {
      await projector.stop();
      await warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db: running });
    }
  });

  it('drops a snapshot partition that was never listed (a build cut short)', async () => {
    const projector = new ProjectorRunner(store, warehouse, { db });
    await warehouse.command(
      `INSERT INTO {db:Identifier}.case_view_snapshots_v1 (snapshot, sign, case_id) VALUES (42, 1, 'unfinished')`, { db },
    );
    await projector.recover();
    const [n] = await warehouse.query<{ n: number }>('SELECT count() AS n FROM {db:Identifier}.case_view_snapshots_v1 WHERE snapshot = 42', { db });
    expect(Number(n.n)).toBe(0);
  });

  it('a build cut short between its statements is never listed, and the next build drops what it wrote', async () => {
    const cut = `${db}_cut`;
    await migrate(warehouse, cut);
    await loadCatalogue(warehouse, cut, getCatalogue()!);
    const projector = new ProjectorRunner(store, warehouse, { db: cut });
    await projector.recover();
    await projector.catchUp();
    const checkpoint = projector.status().checkpoint;
    const rows = (table: string) => warehouse.query<{ snapshot: string | number; n: string | number }>(
      'SELECT snapshot, count() AS n FROM {db:Identifier}.{table:Identifier} GROUP BY snapshot', { db: cut, table },
    );
    try {
      // The third view's snapshot table refuses rows: the build fails after writing the first two.
      await warehouse.command('ALTER TABLE {db:Identifier}.deadline_view_snapshots_v1 ADD CONSTRAINT refuse CHECK 0', { db: cut });
      await expect(projector.snapshots.build(checkpoint)).rejects.toThrow(/refuse/);
      expect(await projector.snapshots.list()).toEqual([]);
      const [written] = await rows('case_view_snapshots_v1');
      expect(Number(written.n)).toBeGreaterThan(0);
      expect(await rows('deadline_view_snapshots_v1')).toEqual([]);
      await warehouse.command('ALTER TABLE {db:Identifier}.deadline_view_snapshots_v1 DROP CONSTRAINT refuse', { db: cut });

      // The next build (the same watermark, so the same partition) starts by dropping the unlisted rows.
      const info = await projector.snapshots.build(checkpoint);
      expect((await projector.snapshots.list()).map((x) => x.snapshot)).toEqual([info.snapshot]);
      expect(await rows('case_view_snapshots_v1')).toEqual([{ snapshot: info.snapshot, n: info.caseRows }]);
      expect(await rows('measure_view_snapshots_v1')).toEqual([{ snapshot: info.snapshot, n: info.pairRows }]);
      expect(await rows('deadline_view_snapshots_v1')).toEqual([{ snapshot: info.snapshot, n: info.deadlineRows }]);
      expect(info.caseRows).toBe(Number(written.n));

      // And it holds what the versions say: the live case rows up to its position, one row each.
      const [live] = await warehouse.query<{ n: string | number }>(
        'SELECT sum(sign) AS n FROM {db:Identifier}.case_view_v1 WHERE position <= {p:UInt64}', { db: cut, p: checkpoint },
      );
      expect(info.caseRows).toBe(Number(live.n));
    } finally {
      await warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db: cut });
    }
  });

  it('keeps the newest snapshots and older ones a quarter of the history apart', () => {
    const s = (position: number): SnapshotInfo => ({ snapshot: position * 1000, position, caseRows: 0, pairRows: 0, deadlineRows: 0, eventRows: 0, builtMs: 0 });
    const all = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map(s);
    const retired = retire(all, 3).map((x) => x.position).sort((a, b) => a - b);
    // Kept: 100, 90, 80 (newest), then 50 (≥ 25 before 80), then 20 (≥ 25 before 50).
    expect(retired).toEqual([10, 30, 40, 60, 70]);
  });
});
