import type { Warehouse } from '../src/warehouse.port';
import { ClickHouseWarehouse } from '../src/adapters/clickhouse/clickhouse-warehouse.adapter';
import { warehouseConformance } from '../src/testing/warehouse.conformance';

const url = process.env.CLICKHOUSE_URL;
/** Why the server suite cannot run here; undefined when a server is configured. */
const notRun = url ? undefined
  : 'CLICKHOUSE_URL is not set (no ClickHouse server can run on this machine). Set CLICKHOUSE_URL=http://host:8123 '
    + '(and CLICKHOUSE_USER / CLICKHOUSE_PASSWORD) to run it; clickhouse-warehouse.chdb-standin.int.spec.ts runs the '
    + 'suite over HTTP against chDB meanwhile';

// Each run works in its own trm_conf_<random> database (the suite creates and drops it).
warehouseConformance('clickhouse', async () => {
  const warehouse = new ClickHouseWarehouse({
    url: url!, username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD,
  });
  return { warehouse, teardown: async () => warehouse.close() };
}, { skip: notRun });

describe('ClickHouse adapter without a server', () => {
  it('loads and has every member of the port (the client connects lazily, so nothing is contacted)', async () => {
    const warehouse: Warehouse = new ClickHouseWarehouse({ url: 'http://127.0.0.1:1' });
    // beside(): optional, for engines that run one statement at a time per connection (chDB).
    const members: Record<Exclude<keyof Warehouse, 'beside'>, true> = {
      engine: true, query: true, command: true, insert: true, insertNdjson: true, insertRowBinary: true, ping: true, close: true,
    };
    for (const member of Object.keys(members) as (keyof typeof members)[]) {
      if (member === 'engine') expect(warehouse.engine).toBe('clickhouse');
      else expect(typeof warehouse[member]).toBe('function');
    }
    await warehouse.close();
  });
});
