import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Warehouse } from './warehouse.port';
import { WAREHOUSE_SQL } from './warehouse-sql';

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
  await warehouse.command(WAREHOUSE_SQL.render('create-database'), { db });
  await warehouse.command(WAREHOUSE_SQL.render('create-schema-migrations'), { db });
  const done = new Set(
    (await warehouse.query<{ name: string }>(WAREHOUSE_SQL.render('applied-migrations'), { db })).map((r) => r.name),
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
