import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChdbWarehouse } from '../src';

/** The embedded engine starts with the memory-bounded settings of the adapter, not ClickHouse's server defaults. */
describe('chDB: engine settings of the embedded default', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-chdb-settings-'));
    warehouse = new ChdbWarehouse(dir, { cacheBytes: 64 * 1024 * 1024, retainedFreeBytes: 100 * 1024 * 1024 });
  });

  afterAll(async () => {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bounds the caches and the freed memory kept by the allocator', async () => {
    const rows = await warehouse.query<{ name: string; value: string }>(
      `SELECT name, value FROM system.server_settings
        WHERE name IN ('mark_cache_size', 'primary_index_cache_size', 'index_mark_cache_size',
          'memory_worker_purge_dirty_pages_threshold_ratio', 'max_server_memory_usage')`,
    );
    const s = Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
    expect(s.mark_cache_size).toBe(64 * 1024 * 1024);
    expect(s.primary_index_cache_size).toBe(64 * 1024 * 1024);
    expect(s.index_mark_cache_size).toBe(32 * 1024 * 1024);
    // The purge threshold (the ratio times the memory limit) is the bytes asked for, to a MB.
    expect(Math.abs(s.memory_worker_purge_dirty_pages_threshold_ratio * s.max_server_memory_usage - 100 * 1024 * 1024)).toBeLessThan(1024 * 1024);
    // Query settings given before `--` still apply.
    const [q] = await warehouse.query<{ value: string }>("SELECT value FROM system.settings WHERE name = 'output_format_json_quote_64bit_integers'");
    expect(q.value).toBe('0');
  });
});
