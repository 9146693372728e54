import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Warehouse } from './warehouse.port';

export const MIGRATIONS_DIR = resolve(__dirname, '../../../migrations/clickhouse');

/** Splits a migration file into statements at semicolons that end a line (no `;` inside our SQL strings). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * Applies the forward-only migrations not yet applied to database `db`, in file-name order, and
 * records each in `schema_migrations`. The same files run unchanged on chDB and a ClickHouse server.
 */
export async function migrate(warehouse: Warehouse, db: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  await warehouse.command('CREATE DATABASE IF NOT EXISTS {db:Identifier}', { db });
  await warehouse.command(
    `CREATE TABLE IF NOT EXISTS {db:Identifier}.schema_migrations
       (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY name`,
    { db },
  );
  const done = new Set(
    (await warehouse.query<{ name: string }>('SELECT name FROM {db:Identifier}.schema_migrations', { db })).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(file)) continue;
    for (const statement of splitStatements(readFileSync(join(dir, file), 'utf8'))) {
      await warehouse.command(statement, { db });
    }
    await warehouse.insert(`${db}.schema_migrations`, [{ name: file }]);
    applied.push(file);
  }
  return applied;
}
