import { parseRfc3339 } from '@trm/domain';

/**
 * The warehouse rows of a batch, written value by value into a growing buffer outside the JS heap,
 * in one of two formats the warehouse inserts:
 * - RowBinary (the projector's): each value in ClickHouse's binary layout for its column's type,
 *   nothing to parse on insert (issue 18: chDB's JSON parse was ~25 µs of CPU per event);
 * - JSONCompactEachRow: one JSON array per row, DateTime64 as RFC 3339 text (parsed with
 *   best_effort), kept to prove the binary rows equal the JSON ones (row-formats.int.spec.ts).
 * Both write the same calls into the same columns, so a value cannot be encoded for one and not the other.
 */
export type RowFormat = 'RowBinary' | 'JSONCompactEachRow';

/** The column types the projector writes, spelled as the migrations declare them. */
export type ColumnType =
  | 'UInt8' | 'UInt16' | 'UInt32' | 'UInt64' | 'Int8' | 'Int64' | 'Bool'
  | 'String' | 'LowCardinality(String)' | "DateTime64(3, 'UTC')" | 'Array(LowCardinality(String))';

/** A value as the encoders give it: DateTime64 as RFC 3339 text, arrays of strings, integers, booleans. */
export type Value = string | number | boolean | readonly string[];

/**
 * Values already written in a writer's format (a case's attributes, repeated on each of its rows):
 * bytes for RowBinary, comma-separated JSON values for JSONCompactEachRow.
 */
export type Fragment = Uint8Array | string;

export interface RowWriter {
  readonly format: RowFormat;
  /** Starts a row (JSON: its bracket). */
  begin(): void;
  /** Ends a row. */
  end(): void;
  value(type: ColumnType, v: Value): void;
  /** Appends values written earlier by `fragment()` of a writer of the same format. */
  append(f: Fragment): void;
  /** Rows written. */
  readonly rows: number;
  /** The bytes written (a view of a buffer whose ArrayBuffer no other writer shares). */
  bytes(): Uint8Array;
}

// The last two instants parsed: an event's rows alternate its occurredAt and its recordedAt, which
// a whole submission shares (parseRfc3339's own memo holds one).
let memoA = '';
let memoAms = 0;
let memoB = '';
let memoBms = 0;

/** The ms of an instant as the warehouse parsed its RFC 3339 text (best_effort, to the millisecond). */
function instantMs(text: string): number {
  if (text === memoA) return memoAms;
  if (text === memoB) return memoBms;
  const ms = typeof text === 'string' ? parseRfc3339(text) : NaN;
  if (Number.isNaN(ms)) throw new RowValueError("DateTime64(3, 'UTC')");
  memoB = memoA;
  memoBms = memoAms;
  memoA = text;
  memoAms = ms;
  return ms;
}

const TWO_32 = 4_294_967_296;

/**
 * A value its column cannot hold (a stored event of a shape no schema version has). RowBinary is not
 * checked by the warehouse the way JSON text is parsed, so the writer refuses it: the projection
 * then names the event (ProjectionError 'invalid_value'). Its message never quotes the value.
 */
export class RowValueError extends Error {
  constructor(readonly type: ColumnType) {
    super(`a value that a ${type} column cannot hold`);
  }
}

/** Integer ranges of the integer types: a value outside fails rather than wrapping. */
const RANGES: Partial<Record<ColumnType, readonly [number, number]>> = {
  UInt8: [0, 255], Int8: [-128, 127], UInt16: [0, 65_535], UInt32: [0, 4_294_967_295],
  UInt64: [0, Number.MAX_SAFE_INTEGER], Int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function integer(type: ColumnType, v: Value): number {
  const range = RANGES[type]!;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) throw new RowValueError(type);
  return v;
}

/**
 * RowBinary: little-endian integers, Bool as one byte, String as a LEB128 length then UTF-8 bytes,
 * DateTime64(3) as Int64 ms, arrays as a LEB128 count then the elements. No allocation per value:
 * integers are written as two 32-bit halves (safe integers only, as every value of ours), short
 * ASCII strings byte by byte.
 */
export class BinaryRowWriter implements RowWriter {
  readonly format = 'RowBinary' as const;
  private buf: Buffer;
  private pos = 0;
  rows = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  begin(): void {}

  end(): void {
    this.rows++;
  }

  /** Forgets what was written (keeps the buffer). */
  reset(): void {
    this.pos = 0;
    this.rows = 0;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  private u32(n: number): void {
    const b = this.buf;
    const p = this.pos;
    b[p] = n;
    b[p + 1] = n >>> 8;
    b[p + 2] = n >>> 16;
    b[p + 3] = n >>> 24;
    this.pos = p + 4;
  }

  /** A safe integer as 64 bits, two's complement. */
  private u64(n: number): void {
    this.room(8);
    const hi = Math.floor(n / TWO_32);
    this.u32(n - hi * TWO_32);
    this.u32(hi);
  }

  private leb128(n: number): void {
    this.room(5);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  private str(s: string): void {
    if (typeof s !== 'string') throw new RowValueError('String');
    const len = s.length;
    // At most 3 bytes per UTF-16 unit: up to 42 units, the length fits one LEB128 byte.
    if (len <= 42) {
      this.room(1 + len * 3);
      const b = this.buf;
      const at = this.pos;
      let p = at + 1;
      for (let i = 0; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          p = at + 1 + b.write(s, at + 1, 'utf8');
          break;
        }
        b[p++] = c;
      }
      b[at] = p - at - 1;
      this.pos = p;
      return;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.leb128(n);
    this.room(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  value(type: ColumnType, v: Value): void {
    switch (type) {
      case 'String':
      case 'LowCardinality(String)':
        return this.str(v as string);
      case 'UInt64':
      case 'Int64':
        return this.u64(integer(type, v));
      case "DateTime64(3, 'UTC')":
        return this.u64(instantMs(v as string));
      case 'Bool':
        if (typeof v !== 'boolean') throw new RowValueError(type);
        this.room(1);
        this.buf[this.pos++] = v ? 1 : 0;
        return;
      case 'UInt8':
      case 'Int8':
        this.room(1);
        this.buf[this.pos++] = integer(type, v); // −1 → 0xff
        return;
      case 'UInt16': {
        const n = integer(type, v);
        this.room(2);
        this.buf[this.pos++] = n;
        this.buf[this.pos++] = n >>> 8;
        return;
      }
      case 'UInt32': {
        const n = integer(type, v);
        this.room(4);
        return this.u32(n);
      }
      case 'Array(LowCardinality(String))': {
        if (!Array.isArray(v)) throw new RowValueError(type);
        const a = v as readonly string[];
        this.leb128(a.length);
        for (let i = 0; i < a.length; i++) this.str(a[i]);
        return;
      }
    }
  }

  append(f: Fragment): void {
    const bytes = f as Uint8Array;
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

/** JSONCompactEachRow lines: `[v1,v2,…]\n`, as the projector wrote them before RowBinary. */
export class JsonRowWriter implements RowWriter {
  readonly format = 'JSONCompactEachRow' as const;
  private buf = Buffer.allocUnsafeSlow(1 << 16);
  private used = 0;
  private line = '';
  private first = true;
  rows = 0;

  begin(): void {
    this.line = '[';
    this.first = true;
  }

  end(): void {
    this.push(`${this.line}]\n`);
    this.rows++;
  }

  value(type: ColumnType, v: Value): void {
    this.line += `${this.first ? '' : ','}${typeof v === 'string' || typeof v === 'object' ? JSON.stringify(v) : v}`;
    this.first = false;
  }

  append(f: Fragment): void {
    this.line += `${this.first ? '' : ','}${f as string}`;
    this.first = false;
  }

  private push(text: string): void {
    if (this.used + text.length * 3 > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + text.length * 3));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.used += this.buf.write(text, this.used);
  }

  /** The values written since begin(), without brackets (for fragments). */
  text(): string {
    return this.line.slice(1);
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }
}

export function rowWriter(format: RowFormat): RowWriter {
  return format === 'RowBinary' ? new BinaryRowWriter() : new JsonRowWriter();
}

/** A row's columns: name, type as the migrations declare it, and the value of a row. */
export type RowEncoding<T> = readonly (readonly [column: string, type: ColumnType, value: (row: T) => Value])[];

export function columnsOf(encoding: RowEncoding<never>): string[] {
  return encoding.map(([column]) => column);
}

export function typesOf(encoding: RowEncoding<never>): ColumnType[] {
  return encoding.map(([, type]) => type);
}

/** Writes the row's values in the encoding's column order (inside a row begun by the caller). */
export function writeValues<T>(w: RowWriter, encoding: RowEncoding<T>, row: T): void {
  for (let i = 0; i < encoding.length; i++) w.value(encoding[i][1], encoding[i][2](row));
}

let scratch: BinaryRowWriter | undefined;

/** The row's values, written once in `format`, to be appended to many rows. */
export function fragment<T>(format: RowFormat, encoding: RowEncoding<T>, row: T): Fragment {
  if (format === 'RowBinary') {
    const w = (scratch ??= new BinaryRowWriter(1024));
    w.reset();
    writeValues(w, encoding, row);
    // A copy into Node's pooled small buffers: a buffer of its own per case would cost more than its bytes.
    return Buffer.from(w.bytes());
  }
  const w = new JsonRowWriter();
  w.begin();
  writeValues(w, encoding, row);
  return w.text();
}
