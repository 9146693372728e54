import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { Session } from 'chdb';
import { columnList, toBuffer } from '../../warehouse.port';
import type { QueryParams, Warehouse } from '../../warehouse.port';

export interface ChdbWarehouseOptions {
  /**
   * Freed memory the engine's allocator (jemalloc, dirty pages) may keep before its memory worker
   * returns it to the system. ClickHouse's default, a fifth of its memory limit (0.9 of the RAM),
   * let a snapshot build leave ~320 MB resident in a process whose budget is 1.5 GB (issue 18).
   */
  retainedFreeBytes?: number;
  /** Mark and primary-index caches (ClickHouse's defaults: 5 GiB each, sized for a server of its own). */
  cacheBytes?: number;
  /** Further engine arguments (`clickhouse local` command-line form). */
  connectionArgs?: readonly string[];
}

/** The engine's settings for an embedded, memory-bounded default (see ChdbWarehouseOptions). */
export function chdbConnectionArgs(options: ChdbWarehouseOptions = {}): string[] {
  const retained = options.retainedFreeBytes ?? 128 * 1024 * 1024;
  const caches = options.cacheBytes ?? 128 * 1024 * 1024;
  // The purge threshold is a ratio of the memory limit, which ClickHouse sets to 0.9 of the RAM.
  const ratio = Math.min(0.2, retained / (0.9 * totalmem()));
  return [
    '--output_format_json_quote_64bit_integers=0',
    ...(options.connectionArgs ?? []),
    // After `--`: server configuration rather than query settings.
    '--',
    `--memory_worker_purge_dirty_pages_threshold_ratio=${ratio.toFixed(6)}`,
    `--mark_cache_size=${caches}`,
    `--primary_index_cache_size=${caches}`,
    `--index_mark_cache_size=${Math.floor(caches / 2)}`,
  ];
}

/**
 * chDB: the ClickHouse engine in this process, persisting to a directory. chDB allows one data
 * directory per process, so one adapter owns it; queries run off the event loop (queryAsync).
 */
export class ChdbWarehouse implements Warehouse {
  readonly engine = 'chdb' as const;
  private readonly session: Session;
  private closed = false;

  constructor(readonly path: string, options: ChdbWarehouseOptions = {}) {
    mkdirSync(path, { recursive: true });
    this.session = new Session(path, { connectionArgs: chdbConnectionArgs(options) });
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const r = await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    const text = r.text();
    if (!text) return [];
    return text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as T);
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.session.queryBindAsync(sql, params, { format: 'TabSeparated' });
  }

  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    let payload = '';
    for (const row of rows) payload += JSON.stringify(row) + '\n';
    await this.session.insert({ table, values: Buffer.from(payload), format: 'JSONEachRow' });
  }

  async insertNdjson(table: string, payload: string | Uint8Array, columns?: readonly string[]): Promise<void> {
    if (payload.length === 0) return;
    if (columns) columnList(columns);
    await this.session.insert({
      table, values: toBuffer(payload),
      ...(columns ? { format: 'JSONCompactEachRow', columns: [...columns] } : { format: 'JSONEachRow' }),
      settings: { date_time_input_format: 'best_effort' },
    });
  }

  async ping(): Promise<void> {
    await this.session.queryAsync('SELECT 1', { format: 'TabSeparated' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
  }
}
