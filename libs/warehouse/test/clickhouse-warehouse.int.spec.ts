import type { Warehouse } from '../src/warehouse.port';
import { ClickHouseWarehouse } from '../src/adapters/clickhouse/clickhouse-warehouse.adapter';
import { warehouseConformance } from '../src/testing/warehouse.conformance';

const url = process.env.CLICKHOUSE_URL;

if (url) {
  // Each run works in its own trm_conf_<random> database (the suite creates and drops it).
  warehouseConformance('clickhouse', async () => {
    const warehouse = new ClickHouseWarehouse({
      url, username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD,
    });
    return { warehouse, teardown: async () => warehouse.close() };
  });
} else {
  describe('warehouse conformance: clickhouse', () => {
    it('ClickHouse conformance NOT RUN: CLICKHOUSE_URL is not set (no ClickHouse server can run on this machine)', async () => {
      console.warn(
        'ClickHouse conformance NOT RUN: CLICKHOUSE_URL is not set (no ClickHouse server can run on this machine). '
        + 'Set CLICKHOUSE_URL=http://host:8123 (and CLICKHOUSE_USER / CLICKHOUSE_PASSWORD) to run the warehouse conformance suite '
        + 'against a server. clickhouse-warehouse.chdb-standin.int.spec.ts runs it over HTTP against chDB meanwhile.',
      );
      // The adapter module loaded to get here; the client connects lazily, so nothing is contacted.
      const warehouse: Warehouse = new ClickHouseWarehouse({ url: 'http://127.0.0.1:1' });
      const members: Record<keyof Warehouse, true> = {
        engine: true, query: true, command: true, insert: true, insertNdjson: true, ping: true, close: true,
      };
      for (const member of Object.keys(members) as (keyof Warehouse)[]) {
        if (member === 'engine') expect(warehouse.engine).toBe('clickhouse');
        else expect(typeof warehouse[member]).toBe('function');
      }
      await warehouse.close();
    });
  });
}
