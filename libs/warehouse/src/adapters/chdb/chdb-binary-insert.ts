import { mkdtempSync, rmSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * RowBinary inserts into chDB, through a spool file: `INSERT INTO … FROM INFILE '…' FORMAT RowBinary`.
 *
 * chDB 3.4 takes a raw insert's bytes as the inline data of its INSERT statement, and the engine
 * ends such data at the first empty line: a payload holding the bytes 0x0A 0x0A (a newline-only
 * line in text, but in binary just two bytes of a record key, a time or a position) is cut there
 * and the insert fails with CANNOT_READ_ALL_DATA (measured; the `chdb` package's `insert()` allows
 * only text formats for that reason). Read from a file, the bytes reach the parser as they are. The
 * file is written to the page cache and removed once inserted: no disk write in the usual case.
 */
export class RowBinarySpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'trm-chdb-rowbinary-'));
  private seq = 0;

  /** Runs `insert(statement)` with the payload spooled, `statement` being `INSERT INTO ${target} FROM INFILE '…' FORMAT RowBinary`. */
  async insert(target: string, payload: Uint8Array, run: (statement: string) => Promise<unknown>): Promise<void> {
    const file = join(this.dir, `${++this.seq}.bin`);
    // Our own directory and a number: nothing in the path needs quoting.
    if (!/^[\w/.-]+$/.test(file)) throw new Error(`unexpected spool path ${JSON.stringify(file)}`);
    await writeFile(file, payload);
    try {
      await run(`INSERT INTO ${target} FROM INFILE '${file}' FORMAT RowBinary`);
    } finally {
      await unlink(file).catch(() => undefined);
    }
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
