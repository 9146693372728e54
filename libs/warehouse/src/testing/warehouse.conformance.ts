import { randomUUID } from 'node:crypto';
import { migrate } from '../migrations';
import type { Warehouse } from '../warehouse.port';

export interface WarehouseHarness {
  warehouse: Warehouse;
  teardown: () => Promise<void>;
}

export interface ConformanceOptions {
  /**
   * Why the suite cannot run here (no server configured): its tests are then reported as skipped,
   * with this reason in the suite's title and on the console, rather than passing without running.
   */
  skip?: string;
}

/** The behaviour every warehouse adapter must have; each adapter's spec runs it with a factory. */
export function warehouseConformance(adapter: string, factory: () => Promise<WarehouseHarness>, options: ConformanceOptions = {}): void {
  const title = `warehouse conformance: ${adapter}`;
  if (options.skip) console.warn(`${title} SKIPPED: ${options.skip}`);
  (options.skip ? describe.skip : describe)(options.skip ? `${title} (skipped: ${options.skip})` : title, () => {
    let h: WarehouseHarness;
    let db: string;
    beforeAll(async () => {
      h = await factory();
      db = `trm_conf_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterAll(async () => {
      await h.warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db });
      await h.teardown();
    });

    it('applies every migration once, and again applies nothing', async () => {
      const first = await migrate(h.warehouse, db);
      expect(first.length).toBeGreaterThan(0);
      expect(await migrate(h.warehouse, db)).toEqual([]);
      const tables = await h.warehouse.query<{ name: string }>(
        'SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name', { db });
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['events_v1', 'cases_v1', 'measure_records_v1', 'retractions_v1']));
    });

    it('round-trips rows with DateTime64, arrays and booleans through insert and bound parameters', async () => {
      await h.warehouse.insert(`${db}.cases_v1`, [
        {
          position: 7, event_id: 'e1', case_id: 'c1', country: 'BG', opened_at: '2024-03-01 08:30:00.123',
          recorded_at: '2024-03-02 00:00:00.000', age_band: '15-17', sex: 'female', citizenship: 'RO',
          exploitation: ['sexual', 'labour'], country_role: 'destination', presumed_minor: false, is_child: true,
          is_foreign: true, is_origin: false,
        },
      ]);
      const rows = await h.warehouse.query<{ case_id: string; t: string; ex: string[]; child: boolean; position: number }>(
        `SELECT case_id, toString(opened_at) AS t, exploitation AS ex, is_child AS child, position
           FROM {db:Identifier}.cases_v1 WHERE has({countries:Array(String)}, country) AND opened_at < {to:DateTime64(3, 'UTC')}`,
        { db, countries: ['BG', 'RO'], to: '2024-03-01 08:30:00.124' },
      );
      expect(rows).toEqual([{ case_id: 'c1', t: '2024-03-01 08:30:00.123', ex: ['sexual', 'labour'], child: true, position: 7 }]);
    });

    it('inserts JSON arrays of named columns as they are (the projector bulk path), and refuses a bad column name', async () => {
      const columns = ['position', 'recorded_at', 'event_position'];
      await h.warehouse.insertNdjson(`${db}.removed_events_v1`, '[41,"2024-03-01T09:30:00+01:00",7]\n[42,"2024-03-01T08:30:00.250Z",9]\n', columns);
      await h.warehouse.insertNdjson(`${db}.removed_events_v1`, '', columns);
      const rows = await h.warehouse.query<{ position: number; t: string; e: number }>(
        'SELECT position, toString(recorded_at) AS t, event_position AS e FROM {db:Identifier}.removed_events_v1 ORDER BY position', { db },
      );
      expect(rows).toEqual([{ position: 41, t: '2024-03-01 08:30:00.000', e: 7 }, { position: 42, t: '2024-03-01 08:30:00.250', e: 9 }]);
      await expect(h.warehouse.insertNdjson(`${db}.removed_events_v1`, '[1,"2024-01-01",1]\n', ['position) SELECT 1 --']))
        .rejects.toThrow(/not a column name/);
    });

    it('inserts RowBinary rows of named columns as they are (the projector bulk path), any byte in a string', async () => {
      // Built by hand, as ClickHouse lays RowBinary out: UInt64 LE, String = LEB128 length + bytes,
      // DateTime64(3) = Int64 ms, Array = LEB128 count + elements, Bool = one byte.
      const u64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };
      const str = (s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([b.length]), b]); };
      const row = (position: number, caseId: string, openedMs: number) => Buffer.concat([
        u64(position), str(`e${position}`), str(caseId), str('BG'), u64(openedMs), u64(openedMs + 1), str('15-17'), str('female'), str('RO'),
        Buffer.from([2]), str('sexual'), str('labour'), str('destination'), Buffer.from([0, 1, 1, 0]),
      ]);
      const columns = [
        'position', 'event_id', 'case_id', 'country', 'opened_at', 'recorded_at', 'age_band', 'sex', 'citizenship', 'exploitation',
        'country_role', 'presumed_minor', 'is_child', 'is_foreign', 'is_origin',
      ];
      const t = Date.parse('2024-03-01T08:30:00.123Z');
      // Position 10 starts with a newline byte; the case ids hold a NUL, two newlines (an empty line: chDB's inline
      // insert data would end there, chdb-binary-insert.ts), a space and a non-ASCII letter.
      await h.warehouse.insertRowBinary(`${db}.cases_v1`, Buffer.concat([row(10, 'c\0\n\n 1', t), row(11, 'č2', t)]), columns);
      await h.warehouse.insertRowBinary(`${db}.cases_v1`, new Uint8Array(0), columns);
      const rows = await h.warehouse.query<{ position: number; c: string; t: string; r: string; ex: string[]; child: boolean; minor: boolean }>(
        `SELECT position, case_id AS c, toString(opened_at) AS t, toString(recorded_at) AS r, exploitation AS ex, is_child AS child, presumed_minor AS minor
           FROM {db:Identifier}.cases_v1 WHERE position >= 10 ORDER BY position`, { db },
      );
      expect(rows).toEqual([
        { position: 10, c: 'c\0\n\n 1', t: '2024-03-01 08:30:00.123', r: '2024-03-01 08:30:00.124', ex: ['sexual', 'labour'], child: true, minor: false },
        { position: 11, c: 'č2', t: '2024-03-01 08:30:00.123', r: '2024-03-01 08:30:00.124', ex: ['sexual', 'labour'], child: true, minor: false },
      ]);
      await expect(h.warehouse.insertRowBinary(`${db}.cases_v1`, row(12, 'c', t), ['position) SELECT 1 --'])).rejects.toThrow(/not a column name/);
      // A payload that does not fit the columns fails, rather than landing shifted.
      await expect(h.warehouse.insertRowBinary(`${db}.cases_v1`, row(13, 'c', t).subarray(0, 20), columns)).rejects.toThrow();
    });

    it('checks RowBinary columns against the types given (RowBinaryWithNamesAndTypes), refusing a mismatch', async () => {
      const columns = ['position', 'recorded_at', 'event_position'];
      const row = (position: number, eventPosition: number) => {
        const b = Buffer.alloc(24);
        b.writeBigUInt64LE(BigInt(position));
        b.writeBigInt64LE(BigInt(Date.parse('2024-03-01T08:30:00.250Z')), 8);
        b.writeBigUInt64LE(BigInt(eventPosition), 16);
        return b;
      };
      await h.warehouse.insertRowBinary(`${db}.removed_events_v1`, Buffer.concat([row(61, 3), row(62, 4)]), columns, ['UInt64', "DateTime64(3, 'UTC')", 'UInt64']);
      const rows = await h.warehouse.query<{ position: number; t: string; e: number }>(
        'SELECT position, toString(recorded_at) AS t, event_position AS e FROM {db:Identifier}.removed_events_v1 WHERE position > 60 ORDER BY position', { db },
      );
      expect(rows).toEqual([{ position: 61, t: '2024-03-01 08:30:00.250', e: 3 }, { position: 62, t: '2024-03-01 08:30:00.250', e: 4 }]);
      await expect(h.warehouse.insertRowBinary(`${db}.removed_events_v1`, row(63, 5), columns, ['UInt64', "DateTime64(3, 'UTC')", 'Int64']))
        .rejects.toThrow(/event_position/);
      const [n] = await h.warehouse.query<{ n: number }>('SELECT count() AS n FROM {db:Identifier}.removed_events_v1 WHERE position = 63', { db });
      expect(Number(n.n)).toBe(0);
    });

    it('deletes rows by position (the projector recovery path)', async () => {
      await h.warehouse.insert(`${db}.events_v1`, [1, 2, 3].map((p) => ({
        position: p, event_id: `e${p}`, case_id: 'c', country: 'BG', type: 'measure.recorded',
        occurred_at: '2024-01-01 00:00:00.000', recorded_at: '2024-01-01 00:00:00.000', submission_id: 's', key_id: 'k', channel: 'http',
      })));
      await h.warehouse.command('DELETE FROM {db:Identifier}.events_v1 WHERE position > {cp:UInt64}', { db, cp: 1 });
      const rows = await h.warehouse.query<{ n: number }>('SELECT count() AS n FROM {db:Identifier}.events_v1', { db });
      expect(Number(rows[0].n)).toBe(1);
    });

    it('answers ping and reports a bad query as an error', async () => {
      await h.warehouse.ping();
      await expect(h.warehouse.query('SELECT * FROM {db:Identifier}.no_such_table', { db })).rejects.toThrow();
    });
  });
}
