import { parse } from 'csv-parse/sync';
import { BodyParseError, TooManyEventsError } from './body-parse.error';
import { FORBIDDEN_KEYS, utf8Text } from './json-guard';

const BOOLEAN_FIELDS = new Set(['consent', 'profile.presumedMinor']);
const LIST_FIELDS = new Set(['profile.exploitation', 'checklist']);
const INTEGER_FIELDS = new Set(['schemaVersion']);
/** A column names a field by its path: letters and digits, parts joined by dots, at most 3 deep. */
const COLUMN = /^[A-Za-z][A-Za-z0-9]{0,39}(\.[A-Za-z][A-Za-z0-9]{0,39}){0,2}$/;

/** The fields every event has (CONTRACT.md §1): a header without one of them is not a header of events. */
const REQUIRED_COLUMNS = ['eventId', 'type', 'schemaVersion', 'country', 'caseRef', 'occurredAt'];

/** Event schema v1 has fewer than 20 fields: a wider header is not a header of events. */
const MAX_COLUMNS = 64;

function typed(column: string, cell: string): unknown {
  if (INTEGER_FIELDS.has(column) && /^-?\d+$/.test(cell)) return Number(cell);
  if (BOOLEAN_FIELDS.has(column) && (cell === 'true' || cell === 'false')) return cell === 'true';
  if (LIST_FIELDS.has(column)) return cell.split('|');
  return cell;
}

/**
 * Checks the header row: every column a field path that cannot reach an object's prototype
 * (`__proto__`, `constructor`, `prototype` refused), no column twice, none both a field and the
 * parent of another. Columns are named by position only: a header is the submitter's text.
 */
function columnPaths(header: string[]): string[][] {
  if (header.length > MAX_COLUMNS) {
    throw new BodyParseError(`a CSV header may have at most ${MAX_COLUMNS} columns`, 1, undefined, 'too_many_columns');
  }
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const column = raw.trim();
    const parts = column.split('.');
    if (!COLUMN.test(column) || parts.some((p) => FORBIDDEN_KEYS.has(p))) {
      throw new BodyParseError(`CSV column ${i + 1} is not a field path such as profile.ageBand`, 1, undefined, 'forbidden_column');
    }
    if (seen.has(column)) throw new BodyParseError(`CSV column ${i + 1} repeats an earlier column`, 1, undefined, 'duplicate_column');
    seen.add(column);
    return parts;
  }).map((parts, i, all) => {
    const prefix = `${parts.join('.')}.`;
    if (all.some((other) => `${other.join('.')}.`.startsWith(prefix) && other.length > parts.length)) {
      throw new BodyParseError(`CSV column ${i + 1} is both a field and the parent of another column`, 1, undefined, 'duplicate_column');
    }
    return parts;
  });
}

/**
 * `text/csv` with a header row; nested fields flattened as `profile.ageBand`, lists joined with `|`
 * (CONTRACT.md §2). An empty cell means the field is absent. Unknown columns are kept so the
 * schema step rejects them per event. Events are built as null-prototype objects.
 */
export function parseCsv(body: Buffer, maxEvents: number): unknown[] {
  let records: string[][];
  try {
    records = parse(utf8Text(body), { skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    if (err instanceof BodyParseError) throw err;
    const e = err as { lines?: number; message: string };
    throw new BodyParseError(`CSV is malformed${e.lines ? ` at line ${e.lines}` : ''}`, e.lines);
  }
  if (records.length === 0) return [];
  const [header, ...rows] = records;
  const paths = columnPaths(header);
  const missing = REQUIRED_COLUMNS.filter((c) => !paths.some((p) => p.length === 1 && p[0] === c));
  if (missing.length) {
    throw new BodyParseError(`the CSV header lacks the column(s) ${missing.join(', ')}`, 1, undefined, 'missing_column');
  }
  if (rows.length > maxEvents) throw new TooManyEventsError(maxEvents);
  return rows.map((cells) => {
    const event: Record<string, unknown> = Object.create(null);
    paths.forEach((path, i) => {
      const cell = cells[i];
      if (cell === undefined || cell === '') return;
      let target = event;
      for (const part of path.slice(0, -1)) {
        if (typeof target[part] !== 'object' || target[part] === null) target[part] = Object.create(null);
        target = target[part] as Record<string, unknown>;
      }
      target[path[path.length - 1]] = typed(path.join('.'), cell);
    });
    return event;
  });
}
