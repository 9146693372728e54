/** Nest injection token of the configured warehouse. */
export const WAREHOUSE = Symbol('WAREHOUSE');

/** Query parameters bound server-side with ClickHouse's `{name:Type}` syntax (incl. `{db:Identifier}`). */
export type QueryParams = Record<string, unknown>;

/**
 * The columnar warehouse. Adapters: chDB (embedded ClickHouse) and a ClickHouse server. Both run
 * the same SQL: migrations in migrations/clickhouse and the indicator queries. Every statement
 * names its database through the `{db:Identifier}` parameter, so a replay can build a second,
 * versioned set of tables beside the live ones in the same engine.
 */
export interface Warehouse {
  readonly engine: 'chdb' | 'clickhouse';
  /** Rows of a SELECT, as JSON objects (UInt64 beyond 2^53 are never produced by our schema). */
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
  /** DDL / DML without a result. */
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts JSONEachRow rows into a database-qualified table. */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  /**
   * Inserts a payload of JSON lines as it is (the projector's bulk path): JSONEachRow objects, or
   * with `columns`, JSONCompactEachRow arrays of those columns' values in that order. DateTime
   * columns may hold RFC 3339 text with any offset: it is parsed with date_time_input_format =
   * best_effort.
   */
  insertNdjson(table: string, payload: string | Uint8Array, columns?: readonly string[]): Promise<void>;
  /**
   * Inserts rows in ClickHouse's RowBinary format (the projector's bulk path): each row the values
   * of `columns` in that order, each in the binary layout of its column's type (DateTime64(3) as
   * Int64 ms, Bool as one byte, strings and arrays behind a LEB128 length). Nothing is parsed as text.
   * With `types` (the columns' types as ClickHouse names them), the rows go as
   * RowBinaryWithNamesAndTypes: the warehouse refuses the insert unless each column has that type,
   * so an encoding that no longer fits its table fails loudly instead of landing misread.
   */
  insertRowBinary(table: string, payload: Uint8Array, columns: readonly string[], types?: readonly string[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Another connection to the same warehouse, for long statements that must run beside this one's
   * writes and queries (a snapshot build); the caller closes it. Absent where statements already
   * run side by side (a ClickHouse server).
   */
  beside?(): Warehouse;
}

/** ClickHouse DateTime64(3) text of an instant (UTC), for bound parameters and inserted rows. */
export function chDateTime64(at: Date | number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('Z', '');
}

/** A column list for an INSERT, each name checked to be a plain identifier. */
export function columnList(columns: readonly string[]): string {
  for (const c of columns) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c)) throw new Error(`not a column name: ${JSON.stringify(c)}`);
  }
  return columns.join(', ');
}

/** A payload as a Buffer: text encoded once, bytes wrapped without a copy. */
export function toBuffer(payload: string | Uint8Array): Buffer {
  if (typeof payload === 'string') return Buffer.from(payload);
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

/**
 * The header of RowBinaryWithNamesAndTypes: the number of columns, their names, then their types,
 * each a LEB128 length and UTF-8 bytes. Prepended to RowBinary rows, it has the warehouse check each
 * column's type before reading any row.
 */
export function rowBinaryHeader(columns: readonly string[], types: readonly string[]): Buffer {
  if (types.length !== columns.length) throw new Error(`${columns.length} columns but ${types.length} types`);
  const parts: Buffer[] = [leb128(columns.length)];
  for (const text of [...columns, ...types]) {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(leb128(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

function leb128(n: number): Buffer {
  const bytes: number[] = [];
  for (; n >= 0x80; n >>>= 7) bytes.push((n & 0x7f) | 0x80);
  bytes.push(n);
  return Buffer.from(bytes);
}
