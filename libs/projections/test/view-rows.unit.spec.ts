import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_MODEL_TABLES, TABLE_COLUMNS, TABLE_SCHEMAS } from '../src/read-model.projection';
import type { OpenedCase } from '../src/case-facts';
import { BinaryRowWriter, fragment, JsonRowWriter, RowValueError, writeValues } from '../src/row-writer';
import type { ColumnType, RowFormat, RowWriter } from '../src/row-writer';
import {
  CASE_ATTRIBUTES, CASE_DIMS, CASE_VIEW, columnsOf, DEADLINE_VIEW, MEASURE_VIEW, NO_CASE_DIMS, noCaseDims, REMOVED_EVENTS,
  SIGNED_HEAD, SIGNED_VIEWS,
} from '../src/view-rows';
import type { RowEncoding } from '../src/view-rows';

/**
 * The row encodings against the warehouse: the columns the projector inserts by are exactly the
 * insertable columns the migrations give each table (CREATE TABLE, then every ALTER … ADD/DROP
 * COLUMN in file order), each of the type the migrations declare, and each encoder writes one value
 * per column, the same in RowBinary as in JSON.
 */

const MIGRATIONS = join(__dirname, '../../../migrations/clickhouse');

/** Splits at commas outside parentheses and quotes. */
function topLevel(text: string, sep = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quote = !quote;
    else if (!quote && ch === '(') depth++;
    else if (!quote && ch === ')') depth--;
    else if (!quote && depth === 0 && ch === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** A column definition's name, unless it cannot be inserted (MATERIALIZED, ALIAS, EPHEMERAL) or is no column. */
function insertable(def: string): string | undefined {
  const name = /^`?(\w+)`?\s/.exec(def)?.[1];
  if (!name || /^(INDEX|PROJECTION|CONSTRAINT)$/i.test(name)) return undefined;
  return /\s(MATERIALIZED|ALIAS|EPHEMERAL)\s/i.test(` ${def} `) ? undefined : name;
}

/** A column definition's type: what follows its name, up to a DEFAULT, CODEC, COMMENT, TTL, AFTER or FIRST. */
function typeOf(def: string): string {
  return def.replace(/^`?\w+`?\s+/, '').split(/\s+(?:DEFAULT|MATERIALIZED|ALIAS|EPHEMERAL|CODEC|COMMENT|TTL|AFTER|FIRST)\b/i)[0].trim();
}

/** Every column's declared type, by table and column, after all migrations (MODIFY COLUMN included). */
const migratedTypes = new Map<string, Map<string, string>>();

/** Every table's insertable columns after all migrations, in order. */
function migratedColumns(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(MIGRATIONS, file), 'utf8').replace(/--[^\n]*/g, '');
    for (const statement of topLevel(sql, ';')) {
      const create = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\{db:Identifier\}\.(\w+)\s*\(/i.exec(statement);
      if (create) {
        const body = statement.slice(create[0].length - 1);
        const inner = body.slice(1, findClosing(body));
        tables.set(create[1], topLevel(inner).map(insertable).filter((c): c is string => c !== undefined));
        migratedTypes.set(create[1], new Map(topLevel(inner).filter((d) => insertable(d)).map((d) => [insertable(d)!, typeOf(d)])));
        continue;
      }
      const alter = /^ALTER\s+TABLE\s+\{db:Identifier\}\.(\w+)\s+/i.exec(statement);
      if (!alter || !tables.has(alter[1])) continue;
      const columns = tables.get(alter[1])!;
      for (const clause of topLevel(statement.slice(alter[0].length))) {
        const add = /^ADD\s+COLUMN\s+(?:IF\s+NOT\s+EXISTS\s+)?(.*)$/is.exec(clause);
        const drop = /^DROP\s+COLUMN\s+(?:IF\s+EXISTS\s+)?`?(\w+)`?/i.exec(clause);
        const modify = /^MODIFY\s+COLUMN\s+(?:IF\s+EXISTS\s+)?(.*)$/is.exec(clause);
        if (modify && insertable(modify[1]) && typeOf(modify[1])) migratedTypes.get(alter[1])!.set(insertable(modify[1])!, typeOf(modify[1]));
        if (add) {
          const name = insertable(add[1]);
          if (!name || columns.includes(name)) continue;
          migratedTypes.get(alter[1])!.set(name, typeOf(add[1]));
          const after = /\sAFTER\s+`?(\w+)`?/i.exec(add[1])?.[1];
          const first = /\sFIRST\s*$/i.test(add[1]);
          if (first) columns.unshift(name);
          else if (after !== undefined && columns.includes(after)) columns.splice(columns.indexOf(after) + 1, 0, name);
          else columns.push(name);
        } else if (drop) {
          const i = columns.indexOf(drop[1]);
          if (i >= 0) columns.splice(i, 1);
        }
      }
    }
  }
  return tables;
}

function findClosing(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses');
}

const OPENED: OpenedCase = {
  eventId: 'e1', caseId: 'trm-case-1', country: 'IT', openedAt: '2024-03-01T10:00:00.000Z', openedMs: Date.parse('2024-03-01T10:00:00.000Z'),
  sex: 'female', citizenship: 'AL', countryRole: 'destination', exploitation: ['sexual', 'labour'], child: false, foreign: true, origin: false,
};

describe('view rows: [column, encoder] tables', () => {
  const migrated = migratedColumns();

  it('insert every insertable column of each read model the migrations create, and no other', () => {
    for (const table of READ_MODEL_TABLES) {
      expect({ table, columns: [...TABLE_COLUMNS[table]].sort() }).toEqual({ table, columns: [...(migrated.get(table) ?? [])].sort() });
      expect({ table, duplicates: TABLE_COLUMNS[table].filter((c, i, all) => all.indexOf(c) !== i) }).toEqual({ table, duplicates: [] });
    }
  });

  it('write each column as the type the migrations declare it (RowBinary has no other check)', () => {
    for (const table of READ_MODEL_TABLES) {
      const { columns, types } = TABLE_SCHEMAS[table];
      expect(types).toHaveLength(columns.length);
      const declared = migratedTypes.get(table)!;
      expect({ table, types: Object.fromEntries(columns.map((c, i) => [c, types[i]])) })
        .toEqual({ table, types: Object.fromEntries(columns.map((c) => [c, declared.get(c)])) });
    }
  });

  it('take the columns of the tables the case fold writes from its encodings', () => {
    expect(TABLE_COLUMNS.case_view_v1).toEqual([...columnsOf(SIGNED_HEAD), ...columnsOf(CASE_ATTRIBUTES), ...columnsOf(CASE_VIEW)]);
    expect(TABLE_COLUMNS.measure_view_v1).toEqual([...columnsOf(SIGNED_HEAD), ...columnsOf(CASE_ATTRIBUTES), ...columnsOf(MEASURE_VIEW)]);
    expect(TABLE_COLUMNS.deadline_view_v1).toEqual([...columnsOf(SIGNED_HEAD), ...columnsOf(CASE_ATTRIBUTES), ...columnsOf(DEADLINE_VIEW)]);
    expect(TABLE_COLUMNS.removed_events_v1).toEqual(columnsOf(REMOVED_EVENTS));
    for (const dim of columnsOf(CASE_DIMS)) {
      expect(TABLE_COLUMNS.events_v1).toContain(dim);
      expect(TABLE_COLUMNS.referrals_v1).toContain(dim);
    }
  });

  /** One row of `encoding` written in `format`, read back: JSON parsed, RowBinary decoded by the declared types. */
  const roundTrip = <T>(format: RowFormat, encoding: RowEncoding<T>, row: T): unknown[] => {
    const w: RowWriter = format === 'RowBinary' ? new BinaryRowWriter(16) : new JsonRowWriter();
    w.begin();
    writeValues(w, encoding, row);
    w.end();
    const types = encoding.map(([, type]) => type);
    return format === 'RowBinary' ? decode(Buffer.from(w.bytes()), types) : JSON.parse(Buffer.from(w.bytes()).toString()) as unknown[];
  };
  /** The JSON values as the warehouse holds them: a DateTime64 as its ms (best_effort parse of the text). */
  const asStored = (encoding: RowEncoding<never>, values: unknown[]): unknown[] =>
    values.map((v, i) => (encoding[i][1] === "DateTime64(3, 'UTC')" ? Date.parse(v as string) : v));
  const values = <T>(encoding: RowEncoding<T>, row: T): unknown[] => {
    const json = roundTrip('JSONCompactEachRow', encoding, row);
    expect(roundTrip('RowBinary', encoding, row)).toEqual(asStored(encoding as RowEncoding<never>, json));
    return json;
  };

  it('write one value per column, each under its column, the same in RowBinary as in JSON', () => {
    const pair = {
      measure: 'SOP1.M3', sop: 1, doneMs: 1000, completedMs: undefined, notApplicable: true, anchorMs: 500, beforeCompletedMs: undefined,
      enteredOk: true, closedByDue: false, applies: true, dueMs: 86_400_500, enteredMask: 6, closedMs: 2000, catalogue: 'trm-BG-1',
    };
    const head = { sign: -1 as const, position: 42, recordedAt: '2024-03-02T00:00:00.000Z' };
    const cols = SIGNED_VIEWS.measure_view_v1.columns;
    const written = (format: RowFormat): unknown[] => {
      const w: RowWriter = format === 'RowBinary' ? new BinaryRowWriter(16) : new JsonRowWriter();
      SIGNED_VIEWS.measure_view_v1.write(w, head, fragment(format, CASE_ATTRIBUTES, { opened: OPENED, rk: 123456 }), pair);
      expect(w.rows).toBe(1);
      const bytes = Buffer.from(w.bytes());
      return format === 'RowBinary' ? decode(bytes, SIGNED_VIEWS.measure_view_v1.types) : JSON.parse(bytes.toString()) as unknown[];
    };
    const row = written('JSONCompactEachRow');
    expect(row).toHaveLength(cols.length);
    const byColumn = Object.fromEntries(cols.map((name, i) => [name, row[i]]));
    expect(byColumn).toEqual({
      sign: -1, position: 42, recorded_at: '2024-03-02T00:00:00.000Z',
      case_id: 'trm-case-1', country: 'IT', opened_at: '2024-03-01T10:00:00.000Z', sex: 'female', citizenship: 'AL',
      country_role: 'destination', exploitation: ['sexual', 'labour'], is_child: false, is_foreign: true, is_origin: false, rk: 123456,
      measure: 'SOP1.M3', sop: 1, has_done: true, done_ms: 1000, has_completed: false, completed_ms: 0, has_na: true,
      has_anchor: true, anchor_ms: 500, has_before: false, before_completed_ms: 0, entered_ok: true, closed_by_due: false,
      applies: true, due_ms: 86_400_500, entered_mask: 6, has_closure: true, closed_ms: 2000, catalogue: 'trm-BG-1',
    });
    expect(written('RowBinary')).toEqual(asStored([...SIGNED_HEAD, ...CASE_ATTRIBUTES, ...MEASURE_VIEW] as RowEncoding<never>, row));
    expect(values(CASE_VIEW, { enteredMask: 2, closedMs: undefined, measuresUsed: 3, closureReason: '', catalogue: 'trm-baseline-1' })).toEqual([2, false, 0, 3, '', 'trm-baseline-1']);
    expect(values(CASE_VIEW, { enteredMask: 0, closedMs: 5, measuresUsed: 300, closureReason: 'other', catalogue: 'trm-BG-1' })).toEqual([0, true, 5, 300, 'other', 'trm-BG-1']);
    expect(values(DEADLINE_VIEW, { measure: 'SOP1.M1', sop: 1, dueMs: 9, doneMs: 0 })).toEqual(['SOP1.M1', 1, 9, true, 0]);
    expect(values(REMOVED_EVENTS, { position: 7, recordedAt: '2024-03-02T00:00:00.000Z', eventPosition: 3 })).toEqual([7, '2024-03-02T00:00:00.000Z', 3]);
  });

  it('encode the edges of each type in RowBinary as ClickHouse lays them out', () => {
    // Negative and beyond-32-bit Int64, a UInt64 past 2^32, a time before 1970, strings past one LEB128 byte and with non-ASCII letters.
    const long = 'x'.repeat(200);
    const row = { sign: -1 as const, position: 2 ** 40 + 3, recordedAt: '1969-12-31T23:59:59.999Z' };
    expect(values(SIGNED_HEAD, row)).toEqual([-1, 2 ** 40 + 3, '1969-12-31T23:59:59.999Z']);
    expect(values(CASE_VIEW, { enteredMask: 255, closedMs: -86_400_001, measuresUsed: 65_535, closureReason: long, catalogue: 'Čačak ☃ 𝄞' }))
      .toEqual([255, true, -86_400_001, 65_535, long, 'Čačak ☃ 𝄞']);
    expect(values(DEADLINE_VIEW, { measure: `ž${long}`, sop: 9, dueMs: 2 ** 45, doneMs: undefined })).toEqual([`ž${long}`, 9, 2 ** 45, false, 0]);
    const w = new BinaryRowWriter(16);
    writeValues(w, SIGNED_HEAD, { sign: 1, position: 2 ** 32 + 1, recordedAt: '2024-03-02T00:00:00.001Z' });
    expect(Buffer.from(w.bytes()).toString('hex')).toBe(`01${'0100000001000000'}${Buffer.from(new BigInt64Array([BigInt(Date.parse('2024-03-02T00:00:00.001Z'))]).buffer).toString('hex')}`);
  });

  it('refuse in RowBinary a value its column cannot hold, rather than write bytes the warehouse would misread', () => {
    const w = new BinaryRowWriter(16);
    for (const [type, v] of [
      ['Array(LowCardinality(String))', 'labour'], ['String', 7], ['Bool', 1], ['UInt8', 256], ['UInt8', Number.NaN], ['Int8', -129],
      ['UInt16', 1.5], ['UInt32', -1], ['UInt64', -1], ['Int64', 2 ** 60], ["DateTime64(3, 'UTC')", '2024-13-01T00:00:00.000Z'],
    ] as const) {
      expect(() => w.value(type, v)).toThrow(RowValueError);
    }
    expect(() => w.value('Array(LowCardinality(String))', ['ok', 3] as unknown as string[])).toThrow(RowValueError);
  });

  it('write the case dims of events_v1, and empty ones for an event whose case the fold does not know', () => {
    expect(values(CASE_DIMS, OPENED)).toEqual(['IT', 'female', 'AL', 'destination', ['sexual', 'labour'], false]);
    expect(values(CASE_DIMS, NO_CASE_DIMS)).toEqual(['', '', '', '', [], false]);
    expect(noCaseDims('JSONCompactEachRow')).toBe('"","","","",[],false');
    expect(Buffer.from(noCaseDims('RowBinary') as Uint8Array).toString('hex')).toBe('000000000000');
  });
});

/** Reads RowBinary values of `types` (the layout ClickHouse documents), to check what the writer wrote. */
function decode(bytes: Buffer, types: readonly ColumnType[]): unknown[] {
  let at = 0;
  const leb128 = (): number => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  const str = (): string => {
    const n = leb128();
    at += n;
    return bytes.toString('utf8', at - n, at);
  };
  const values = types.map((type): unknown => {
    switch (type) {
      case 'String': case 'LowCardinality(String)': return str();
      case 'Array(LowCardinality(String))': return Array.from({ length: leb128() }, str);
      case 'Bool': { const b = bytes.readUInt8(at++); expect(b).toBeLessThanOrEqual(1); return b === 1; }
      case 'UInt8': return bytes.readUInt8(at++);
      case 'Int8': return bytes.readInt8(at++);
      case 'UInt16': at += 2; return bytes.readUInt16LE(at - 2);
      case 'UInt32': at += 4; return bytes.readUInt32LE(at - 4);
      case 'UInt64': at += 8; return Number(bytes.readBigUInt64LE(at - 8));
      case 'Int64': case "DateTime64(3, 'UTC')": at += 8; return Number(bytes.readBigInt64LE(at - 8));
    }
  });
  expect(at).toBe(bytes.length);
  return values;
}
