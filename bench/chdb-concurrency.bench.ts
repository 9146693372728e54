import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { fmt, heading, percentile } from './util';

/**
 * What blocks what in chDB (the chdb binding 3.4): a short query asked over and over while a long
 * statement runs, on the same connection (Session) or another one of the same directory, bound
 * (queryBindAsync) or not. Why the chDB adapter queries on one connection and writes, one at a
 * time, on another (chdb-warehouse.adapter.ts). Wall times; asserts nothing.
 */
export async function chdbConcurrencyBench(rows: number): Promise<void> {
  heading(`chDB: a short query while a long statement runs (${fmt(rows)} source rows)`);
  const dir = mkdtempSync(join(tmpdir(), 'trm-chdb-conc-'));
  const a = new Session(dir);
  const b = new Session(dir);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    await a.queryAsync('CREATE TABLE big (k UInt64, v String) ENGINE = MergeTree ORDER BY k');
    await a.queryAsync(`INSERT INTO big SELECT number, toString(cityHash64(number)) FROM numbers(${rows})`);
    await a.queryAsync('CREATE TABLE dst (k UInt64, v String) ENGINE = MergeTree ORDER BY v');
    await a.queryAsync('CREATE TABLE small (k UInt64) ENGINE = MergeTree ORDER BY k');
    await a.queryAsync('INSERT INTO small SELECT number FROM numbers(1000)');
    const long = 'INSERT INTO dst SELECT k, v FROM big WHERE k % {m:UInt64} != 7';
    const longRaw = 'INSERT INTO dst SELECT k, v FROM big WHERE k % 1000 != 7';
    const short = (s: Session) => s.queryBindAsync('SELECT count() FROM small WHERE k > {x:UInt64}', { x: 5 });
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) await short(a);
    const during = async (label: string, start: () => Promise<unknown>) => {
      const t0 = Date.now();
      let done = false;
      const running = start().then(() => { done = true; return Date.now() - t0; });
      await sleep(50);
      const lat: number[] = [];
      while (!done) {
        const h = process.hrtime.bigint();
        await short(a);
        lat.push(Number(process.hrtime.bigint() - h) / 1e6);
        await sleep(30);
      }
      const ms = await running;
      lat.sort((x, y) => x - y);
      lines.push(`${label.padEnd(64)} ${String(lat.length).padStart(4)} ${fmt(percentile(lat, 0.5)).padStart(7)} ${fmt(lat.at(-1) ?? 0).padStart(7)} ${fmt(ms).padStart(7)}`);
    };
    const payload = Buffer.from(Array.from({ length: Math.ceil(rows / 16) }, (_, i) => `{"k":${i},"v":"abcdefghij${i}"}`).join('\n') + '\n');
    const insert = (s: Session) => s.insert({ table: 'big', values: payload, format: 'JSONEachRow' });
    await during('INSERT…SELECT bound, same connection', () => a.queryBindAsync(long, { m: 1000 }));
    await during('INSERT…SELECT bound, other connection (one chain per process)', () => b.queryBindAsync(long, { m: 1000 }));
    await during('INSERT…SELECT unbound, same connection', () => a.queryAsync(longRaw));
    await during('INSERT…SELECT unbound, other connection', () => b.queryAsync(longRaw));
    await during('10 inserts at once, same connection', () => Promise.all(Array.from({ length: 10 }, () => insert(a))));
    await during('10 inserts at once, other connection (libuv threads held)', () => Promise.all(Array.from({ length: 10 }, () => insert(b))));
    await during('10 inserts one at a time, other connection', async () => { for (let i = 0; i < 10; i++) await insert(b); });
    console.log(`${'long statement (short query: bound, on the first connection)'.padEnd(64)} ${'n'.padStart(4)} ${'p50'.padStart(7)} ${'max'.padStart(7)} ${'long'.padStart(7)}   (ms, wall)`);
    for (const l of lines) console.log(l);
  } finally {
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
