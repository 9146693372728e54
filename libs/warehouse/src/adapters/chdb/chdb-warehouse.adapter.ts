import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { Session } from 'chdb';
import type { InsertParams, RawInsertParams, StreamInsertParams } from 'chdb';
import { columnList, rowBinaryHeader, toBuffer } from '../../warehouse.port';
import type { QueryParams, Warehouse } from '../../warehouse.port';
import { inlineParams } from './inline-params';
import { RowBinarySpool } from './chdb-binary-insert';

/**
 * The connection that writes: inserts and commands one at a time, in call order. chDB runs one
 * statement at a time per connection, and each waiting call holds a libuv thread (4 by default),
 * so concurrent writes would starve the queries of threads (measured: a query waited 6–7 s behind
 * 10 concurrent inserts on another connection, ≤ 0.33 s behind the same inserts one at a time).
 */
class WriteConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: Session) {}

  insert(params: InsertParams | RawInsertParams | StreamInsertParams): Promise<unknown> {
    return this.serial(() => this.session.insert(params as RawInsertParams));
  }

  /** A statement without parameters (inlineParams): it does not queue behind the queries' bound ones. */
  command(sql: string): Promise<unknown> {
    return this.serial(() => this.session.queryAsync(sql, { format: 'TabSeparated' }));
  }

  async close(): Promise<void> {
    await this.tail;
    this.session.close();
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const p = this.tail.then(run);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

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
 * directory per process, so one adapter owns it; statements run off the event loop. Two
 * connections to it: queries on one, writes on the other, so a long write (a snapshot build's
 * INSERT…SELECT, a projector batch) never holds a query — chDB runs one statement at a time per
 * connection (measured: a 10 ms query waited the whole 12 s of an INSERT…SELECT on its connection,
 * and answered in 14 ms p50 beside it on another). A write is visible to the queries once it returns.
 */
export class ChdbWarehouse implements Warehouse {
  readonly engine = 'chdb' as const;
  private readonly reader: Session;
  private readonly session: WriteConnection;
  private closed = false;
  private readonly spool = new RowBinarySpool();
  private readonly options: ChdbWarehouseOptions;

  constructor(readonly path: string, options: ChdbWarehouseOptions = {}) {
    mkdirSync(path, { recursive: true });
    this.reader = new Session(path, { connectionArgs: chdbConnectionArgs(options) });
    this.session = new WriteConnection(new Session(path, { connectionArgs: chdbConnectionArgs(options) }));
    this.options = options;
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const r = await this.reader.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    const text = r.text();
    if (!text) return [];
    return text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as T);
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.session.command(inlineParams(sql, params));
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

  async insertRowBinary(table: string, payload: Uint8Array, columns: readonly string[], types?: readonly string[]): Promise<void> {
    if (payload.length === 0) return;
    if (!/^\w+\.\w+$/.test(table)) throw new Error(`not a database-qualified table name: ${JSON.stringify(table)}`);
    const target = `${table} (${columnList(columns)})`;
    const run = (sql: string) => this.session.command(sql);
    if (types) await this.spool.insert(target, 'RowBinaryWithNamesAndTypes', [rowBinaryHeader(columns, types), payload], run);
    else await this.spool.insert(target, 'RowBinary', [payload], run);
  }

  /** Two more connections to the same directory (chDB allows any number of them per process). */
  beside(): ChdbWarehouse {
    return new ChdbWarehouse(this.path, this.options);
  }

  async ping(): Promise<void> {
    await this.reader.queryAsync('SELECT 1', { format: 'TabSeparated' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.close();
    this.reader.close();
    this.spool.close();
  }
}
