import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseQueryError, ClickHouseWarehouse } from '../src/adapters/clickhouse/clickhouse-warehouse.adapter';
import { migrate } from '../src/migrations';
import { warehouseConformance } from '../src/testing/warehouse.conformance';
import { startChdbHttpStandin, type ChdbHttpStandin } from './chdb-http-standin';

// The ClickHouse adapter through the real @clickhouse/client HTTP stack, answered by chDB (the same
// engine, one per process): checks the wire format — bound parameters, settings, insert paths,
// error translation. The server conformance run is clickhouse-warehouse.int.spec.ts (CLICKHOUSE_URL).
let standin: ChdbHttpStandin | undefined;
let dir: string;
const start = async () => {
  if (!standin) {
    dir = mkdtempSync(join(tmpdir(), 'trm-ch-standin-'));
    standin = await startChdbHttpStandin(dir);
  }
  return standin;
};
afterAll(async () => {
  await standin?.close();
  rmSync(dir, { recursive: true, force: true });
});

warehouseConformance('clickhouse adapter over HTTP to a chDB stand-in', async () => {
  const { url } = await start();
  const warehouse = new ClickHouseWarehouse({ url });
  return { warehouse, teardown: async () => warehouse.close() };
});

describe('ClickHouse adapter wire format (chDB stand-in)', () => {
  let warehouse: ClickHouseWarehouse;
  const db = `trm_wire_${Date.now()}`;
  beforeAll(async () => {
    warehouse = new ClickHouseWarehouse({ url: (await start()).url, username: 'default', password: 'secret' });
    await migrate(warehouse, db);
  });
  afterAll(async () => {
    await warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db });
    await warehouse.close();
  });

  it('binds every value server-side and asks for unquoted 64-bit integers', async () => {
    const s = await start();
    const from = s.requests.length;
    const rows = await warehouse.query<{ n: number; big: number; name: string }>(
      'SELECT {n:UInt64} AS n, toUInt64(9007199254740991) AS big, {name:String} AS name FROM {db:Identifier}.schema_migrations LIMIT 1',
      { n: 42, name: "o'brien", db },
    );
    expect(rows).toEqual([{ n: 42, big: 9007199254740991, name: "o'brien" }]);
    const [req] = s.requests.slice(from);
    expect(req.params).toEqual({ n: '42', name: "o'brien", db });
    expect(req.sql).not.toContain(db);
    expect(req.settings).toMatchObject({ output_format_json_quote_64bit_integers: '0' });
  });

  it('makes commands wait for mutations and for the end of the statement', async () => {
    const s = await start();
    const from = s.requests.length;
    await warehouse.command('DELETE FROM {db:Identifier}.events_v1 WHERE position > {cp:UInt64}', { db, cp: 0 });
    expect(s.requests[from].settings).toMatchObject({ mutations_sync: '1', wait_end_of_query: '1' });
  });

  it('inserts a JSONEachRow payload as it is, parsing RFC 3339 instants with any offset', async () => {
    const s = await start();
    const from = s.requests.length;
    const line = (p: number, t: string) => JSON.stringify({
      position: p, event_id: `n${p}`, case_id: 'c', country: 'IT', type: 'case.opened', occurred_at: t, recorded_at: t,
      submission_id: 's', key_id: 'k', channel: 'http',
    });
    await warehouse.insertNdjson(`${db}.events_v1`, `${line(10, '2024-03-01T09:30:00+01:00')}\n${line(11, '2024-03-01T08:30:00.250Z')}\n`);
    await warehouse.insertNdjson(`${db}.events_v1`, '');
    expect(s.requests.slice(from)).toHaveLength(1);
    expect(s.requests[from].settings).toMatchObject({ date_time_input_format: 'best_effort' });
    const rows = await warehouse.query<{ position: number; t: string }>(
      'SELECT position, toString(occurred_at) AS t FROM {db:Identifier}.events_v1 WHERE position >= 10 ORDER BY position', { db },
    );
    expect(rows).toEqual([{ position: 10, t: '2024-03-01 08:30:00.000' }, { position: 11, t: '2024-03-01 08:30:00.250' }]);
  });

  it('refuses a table name that is not database-qualified before sending anything', async () => {
    await expect(warehouse.insert('events_v1', [{ position: 1 }])).rejects.toThrow(/database-qualified/);
    await expect(warehouse.insertNdjson(`${db}.events_v1 FORMAT CSV`, '1\n')).rejects.toThrow(/database-qualified/);
  });

  it("reports the server's message, and an unreachable server without its credentials", async () => {
    const err = await warehouse.query('SELECT no_such_column FROM {db:Identifier}.events_v1', { db }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClickHouseQueryError);
    expect((err as Error).message).toMatch(/no_such_column/);
    const gone = new ClickHouseWarehouse({ url: 'http://default:hunter2@127.0.0.1:1', requestTimeoutMs: 2000 });
    const down = await gone.ping().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ClickHouseQueryError);
    expect((down as Error).message).toContain('127.0.0.1:1');
    expect((down as Error).message).not.toContain('hunter2');
    await gone.close();
  });
});
