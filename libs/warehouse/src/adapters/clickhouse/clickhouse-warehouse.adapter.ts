import { Readable } from 'node:stream';
import { ClickHouseError, createClient } from '@clickhouse/client';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { columnList, rowBinaryHeader, toBuffer } from '../../warehouse.port';
import type { QueryParams, Warehouse } from '../../warehouse.port';

export interface ClickHouseWarehouseOptions {
  /** HTTP(S) endpoint, e.g. `http://localhost:8123`. */
  url: string;
  /** Default: the server's `default` user. */
  username?: string;
  password?: string;
  /** Per request. Default 300 s: replays and wide indicator queries outlast the client's 30 s default. */
  requestTimeoutMs?: number;
}

/** Settings that make a server answer as our chDB session does (see ChdbWarehouse). */
export const QUERY_SETTINGS: ClickHouseSettings = {
  // (U)Int64 as JSON numbers, not strings: our schema never holds values beyond 2^53.
  output_format_json_quote_64bit_integers: 0,
};

export const COMMAND_SETTINGS: ClickHouseSettings = {
  // DELETE / ALTER … UPDATE return once applied, as in chDB: the projector's recovery deletes the
  // rows past its checkpoint and re-inserts them. (Servers from 24.4 also default
  // lightweight_deletes_sync to 2; older ones need this for DELETE too.)
  mutations_sync: '1',
  // The reply waits for the end of the statement, so a late failure is an HTTP error, not a truncated 200.
  wait_end_of_query: 1,
};

export const NDJSON_SETTINGS: ClickHouseSettings = { date_time_input_format: 'best_effort' };

/** A failure reported by ClickHouse (or on the way to it), with the server's message. */
export class ClickHouseQueryError extends Error {
  constructor(message: string, readonly code?: string, readonly type?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClickHouseQueryError';
  }
}

export function toWarehouseError(err: unknown, url: string): Error {
  if (err instanceof ClickHouseError) {
    return new ClickHouseQueryError(`ClickHouse error ${err.code}${err.type ? ` (${err.type})` : ''}: ${err.message}`, err.code, err.type, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ClickHouseQueryError(`ClickHouse request to ${url} failed: ${message}`, undefined, undefined, { cause: err });
}

/**
 * A ClickHouse server over HTTP. Runs the same SQL as chDB: every statement binds its values
 * server-side (`{name:Type}`, `{db:Identifier}`) through `query_params`, never by interpolation.
 */
export class ClickHouseWarehouse implements Warehouse {
  readonly engine = 'clickhouse' as const;
  private readonly client: ClickHouseClient;
  private readonly url: string;
  private closed = false;

  constructor(options: ClickHouseWarehouseOptions) {
    this.url = redact(options.url);
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      request_timeout: options.requestTimeoutMs ?? 300_000,
      application: 'trm-monitor',
      // A long query sends progress headers now and then, so an idle-timeout proxy in between
      // (AWS ALB: 60 s by default) does not cut it off.
      clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '55000' },
    });
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}): Promise<T[]> {
    try {
      const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow', clickhouse_settings: QUERY_SETTINGS });
      return await result.json<T>();
    } catch (err) {
      throw toWarehouseError(err, this.url);
    }
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    try {
      await this.client.command({ query: sql, query_params: params, clickhouse_settings: COMMAND_SETTINGS });
    } catch (err) {
      throw toWarehouseError(err, this.url);
    }
  }

  /** `table` is database-qualified (`db.table`), as the port requires; rows go as JSONEachRow. */
  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    checkTable(table);
    try {
      await this.client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow' });
    } catch (err) {
      throw toWarehouseError(err, this.url);
    }
  }

  /**
   * The projector's bulk path: the JSON lines go to the server as they are (no parse and
   * re-encode here, which `insert()` of the client would do). DateTimes may be RFC 3339 with any
   * offset, as in chDB.
   */
  async insertNdjson(table: string, payload: string | Uint8Array, columns?: readonly string[]): Promise<void> {
    if (payload.length === 0) return;
    checkTable(table);
    const target = columns ? `${table} (${columnList(columns)}) FORMAT JSONCompactEachRow` : `${table} FORMAT JSONEachRow`;
    await this.send(`INSERT INTO ${target}`, [payload], NDJSON_SETTINGS);
  }

  /**
   * The projector's bulk path: RowBinary rows go to the server as they are, in the body of
   * `INSERT INTO table (columns) FORMAT RowBinary` (the statement in the URL), as chDB takes them.
   */
  async insertRowBinary(table: string, payload: Uint8Array, columns: readonly string[], types?: readonly string[]): Promise<void> {
    if (payload.length === 0) return;
    checkTable(table);
    const target = `${table} (${columnList(columns)})`;
    if (types) await this.send(`INSERT INTO ${target} FORMAT RowBinaryWithNamesAndTypes`, [rowBinaryHeader(columns, types), payload]);
    else await this.send(`INSERT INTO ${target} FORMAT RowBinary`, [payload]);
  }

  /** An INSERT whose data is the request body (`parts` one after the other, uncopied). */
  private async send(query: string, parts: readonly (string | Uint8Array)[], settings?: ClickHouseSettings): Promise<void> {
    try {
      const result = await this.client.exec({
        query,
        values: Readable.from(parts.map(toBuffer), { objectMode: false }),
        ...(settings ? { clickhouse_settings: settings } : {}),
      });
      for await (const _ of result.stream) {
        // Drained so the keep-alive socket returns to the pool; an INSERT answers nothing.
      }
    } catch (err) {
      throw toWarehouseError(err, this.url);
    }
  }

  /** A SELECT rather than `/ping`: it also proves the credentials. */
  async ping(): Promise<void> {
    const r = await this.client.ping({ select: true });
    if (!r.success) throw toWarehouseError(r.error, this.url);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }
}

/** Table names are the one part of a statement not bound as a parameter (an INSERT names its table in the URL). */
function checkTable(table: string): void {
  if (!/^\w+\.\w+$/.test(table)) throw new ClickHouseQueryError(`not a database-qualified table name: ${JSON.stringify(table)}`);
}

/** The URL without credentials, for error messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '<invalid ClickHouse URL>';
  }
}
