import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import { columnList, toBuffer } from '../../warehouse.port';
import type { QueryParams, Warehouse } from '../../warehouse.port';

/**
 * chDB: the ClickHouse engine in this process, persisting to a directory. chDB allows one data
 * directory per process, so one adapter owns it; queries run off the event loop (queryAsync).
 */
export class ChdbWarehouse implements Warehouse {
  readonly engine = 'chdb' as const;
  private readonly session: Session;
  private closed = false;

  constructor(readonly path: string, options: { connectionArgs?: readonly string[] } = {}) {
    mkdirSync(path, { recursive: true });
    this.session = new Session(path, { connectionArgs: ['--output_format_json_quote_64bit_integers=0', ...(options.connectionArgs ?? [])] });
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
