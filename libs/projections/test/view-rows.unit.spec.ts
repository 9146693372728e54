import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_MODEL_TABLES, TABLE_COLUMNS } from '../src/read-model.projection';
import type { OpenedCase } from '../src/case-facts';
import {
  CASE_ATTRIBUTES, CASE_DIMS, CASE_VIEW, columnsOf, DEADLINE_VIEW, encodeValues, MEASURE_VIEW, NO_CASE_DIMS, REMOVED_EVENTS,
  SIGNED_HEAD, SIGNED_VIEWS,
} from '../src/view-rows';
import type { RowEncoding } from '../src/view-rows';

/**
 * The row encodings against the warehouse: the columns the projector inserts by are exactly the
 * insertable columns the migrations give each table (CREATE TABLE, then every ALTER … ADD/DROP
 * COLUMN in file order), and each encoder writes one JSON value per column.
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
        continue;
      }
      const alter = /^ALTER\s+TABLE\s+\{db:Identifier\}\.(\w+)\s+/i.exec(statement);
      if (!alter || !tables.has(alter[1])) continue;
      const columns = tables.get(alter[1])!;
      for (const clause of topLevel(statement.slice(alter[0].length))) {
        const add = /^ADD\s+COLUMN\s+(?:IF\s+NOT\s+EXISTS\s+)?(.*)$/is.exec(clause);
        const drop = /^DROP\s+COLUMN\s+(?:IF\s+EXISTS\s+)?`?(\w+)`?/i.exec(clause);
        if (add) {
          const name = insertable(add[1]);
          if (!name || columns.includes(name)) continue;
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

  const values = <T>(encoding: RowEncoding<T>, row: T): unknown[] => JSON.parse(`[${encodeValues(encoding, row)}]`);

  it('write one JSON value per column, each under its column', () => {
    const head = encodeValues(SIGNED_HEAD, { sign: -1, position: 42, recordedAt: '2024-03-02T00:00:00.000Z' });
    const c = encodeValues(CASE_ATTRIBUTES, { opened: OPENED, rk: 123456 });
    const pair = {
      measure: 'SOP1.M3', sop: 1, doneMs: 1000, completedMs: undefined, notApplicable: true, anchorMs: 500, beforeCompletedMs: undefined,
      enteredOk: true, closedByDue: false, applies: true, dueMs: 86_400_500, enteredMask: 6, closedMs: 2000, catalogue: 'trm-BG-1',
    };
    const row = JSON.parse(SIGNED_VIEWS.measure_view_v1.line(head, c, pair)) as unknown[];
    const cols = SIGNED_VIEWS.measure_view_v1.columns;
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
    expect(values(CASE_VIEW, { enteredMask: 2, closedMs: undefined, measuresUsed: 3, closureReason: '', catalogue: 'trm-baseline-1' })).toEqual([2, false, 0, 3, '', 'trm-baseline-1']);
    expect(values(CASE_VIEW, { enteredMask: 0, closedMs: 5, measuresUsed: 0, closureReason: 'other', catalogue: 'trm-BG-1' })).toEqual([0, true, 5, 0, 'other', 'trm-BG-1']);
    expect(values(DEADLINE_VIEW, { measure: 'SOP1.M1', sop: 1, dueMs: 9, doneMs: 0 })).toEqual(['SOP1.M1', 1, 9, true, 0]);
    expect(values(REMOVED_EVENTS, { position: 7, recordedAt: '2024-03-02T00:00:00.000Z', eventPosition: 3 })).toEqual([7, '2024-03-02T00:00:00.000Z', 3]);
  });

  it('write the case dims of events_v1, and empty ones for an event whose case the fold does not know', () => {
    expect(values(CASE_DIMS, OPENED)).toEqual(['IT', 'female', 'AL', 'destination', ['sexual', 'labour'], false]);
    expect(NO_CASE_DIMS).toBe(',"","","","",[],false');
  });
});
