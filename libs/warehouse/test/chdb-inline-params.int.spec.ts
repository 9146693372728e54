import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { inlineParams } from '../src/adapters/chdb/inline-params';

/**
 * The chDB adapter writes its commands' parameters in as literals (so they run beside the queries'
 * bound statements): each value must come out exactly as the engine binds it.
 */
describe('inlineParams (chDB commands)', () => {
  let dir: string;
  let session: Session;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-inline-'));
    session = new Session(dir);
  });
  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, string, unknown][] = [
    ['u', 'UInt64', 18_446_744_073],
    ['big', 'UInt64', 2n ** 63n + 5n],
    ['neg', 'Int64', -42],
    ['s', 'String', "it's a \\ back'slash\t\n{x:String} `q`"],
    ['empty', 'String', ''],
    ['t', "DateTime64(3, 'UTC')", '2026-12-07 11:20:03.045'],
    ['au', 'Array(UInt64)', [1, 2, 3]],
    ['as', 'Array(String)', ["a'b", 'c\\d', '']],
    ['a8', 'Array(UInt8)', []],
    ['u16', 'UInt16', 7],
  ];
  it.each(cases)('%s %s: the same value as bound', async (name, type, value) => {
    const sql = `SELECT toString({${name}:${type}}) AS v, toTypeName({${name}:${type}}) AS t`;
    const bound = (await session.queryBindAsync(sql, { [name]: value }, { format: 'JSONEachRow' })).text();
    const inlined = (await session.queryAsync(inlineParams(sql, { [name]: value }), { format: 'JSONEachRow' })).text();
    expect(inlined).toBe(bound);
    expect(bound.length).toBeGreaterThan(0);
  });

  it('quotes identifiers, leaves placeholders without a value, rejects what cannot be a literal', async () => {
    await session.queryAsync(inlineParams('CREATE DATABASE IF NOT EXISTS {db:Identifier}', { db: 'we`ird db' }));
    const dbs = (await session.queryAsync("SELECT name FROM system.databases WHERE name LIKE 'we%'", { format: 'JSONEachRow' })).text();
    expect(dbs).toContain('we`ird db');
    const db = { db: 'we`ird db' };
    await session.queryAsync(inlineParams('CREATE TABLE {db:Identifier}.p (snapshot UInt64, x UInt8) ENGINE = MergeTree PARTITION BY snapshot ORDER BY x', db));
    await session.queryAsync(inlineParams('INSERT INTO {db:Identifier}.p VALUES (1765106403045, 1), (1765106403046, 2)', db));
    await session.queryAsync(inlineParams('ALTER TABLE {db:Identifier}.p DROP PARTITION {partition:UInt64}', { db: 'we`ird db', partition: 1765106403045 }));
    expect((await session.queryAsync(inlineParams('SELECT x FROM {db:Identifier}.p', db), { format: 'CSV' })).text()).toBe('2\n');
    expect(inlineParams('SELECT {a:UInt8}, {b:UInt8}', { a: 1 })).toBe('SELECT CAST(1 AS UInt8), {b:UInt8}');
    expect(() => inlineParams('SELECT {a:UInt8}', { a: Number.NaN })).toThrow(/finite/);
    expect(() => inlineParams('SELECT 1 FROM {t:Identifier}', { t: 3 })).toThrow(/identifier/);
  });
});
