import { mkdtempSync, rmSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
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
  /** Made at the first insert (a process that only reads leaves nothing behind), removed at close(). */
  private dir?: string;
  private seq = 0;

  /**
   * Runs `run(statement)` with the data spooled, `statement` being `INSERT INTO ${target} FROM INFILE
   * '…' FORMAT ${format}`: the data is `parts` one after the other (a header and the rows, uncopied).
   */
  async insert(target: string, format: 'RowBinary' | 'RowBinaryWithNamesAndTypes', parts: readonly Uint8Array[], run: (statement: string) => Promise<unknown>): Promise<void> {
    this.dir ??= mkdtempSync(join(tmpdir(), 'trm-chdb-rowbinary-'));
    const file = join(this.dir, `${++this.seq}.bin`);
    // Our own directory and a number: nothing in the path needs quoting.
    if (!/^[\w/.-]+$/.test(file)) throw new Error(`unexpected spool path ${JSON.stringify(file)}`);
    const handle = await open(file, 'w');
    try {
      let left = parts.reduce((n, p) => n + p.byteLength, 0);
      let rest = parts.filter((p) => p.byteLength > 0);
      while (left > 0) {
        const { bytesWritten } = await handle.writev(rest);
        left -= bytesWritten;
        rest = skip(rest, bytesWritten);
      }
    } finally {
      await handle.close();
    }
    try {
      await run(`INSERT INTO ${target} FROM INFILE '${file}' FORMAT ${format}`);
    } finally {
      await unlink(file).catch(() => undefined);
    }
  }

  close(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `parts` less their first `n` bytes (after a short write). */
function skip(parts: readonly Uint8Array[], n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const p of parts) {
    if (n >= p.byteLength) n -= p.byteLength;
    else {
      out.push(n > 0 ? p.subarray(n) : p);
      n = 0;
    }
  }
  return out;
}
