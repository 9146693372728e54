import { parse } from 'csv-parse/sync';
import { BodyParseError, TooManyEventsError } from './body-parse.error';

const BOOLEAN_FIELDS = new Set(['consent', 'profile.presumedMinor']);
const LIST_FIELDS = new Set(['profile.exploitation', 'checklist']);
const INTEGER_FIELDS = new Set(['schemaVersion']);

function typed(column: string, cell: string): unknown {
  if (INTEGER_FIELDS.has(column) && /^-?\d+$/.test(cell)) return Number(cell);
  if (BOOLEAN_FIELDS.has(column) && (cell === 'true' || cell === 'false')) return cell === 'true';
  if (LIST_FIELDS.has(column)) return cell.split('|');
  return cell;
}

/**
 * `text/csv` with a header row; nested fields flattened as `profile.ageBand`, lists joined with `|`
 * (CONTRACT.md §2). An empty cell means the field is absent. Unknown columns are kept so the
 * schema step rejects them per event.
 */
export function parseCsv(body: Buffer, maxEvents: number): unknown[] {
  let records: string[][];
  try {
    records = parse(body, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new BodyParseError(`CSV is malformed${e.lines ? ` at line ${e.lines}` : ''}`, e.lines);
  }
  if (records.length === 0) return [];
  const [header, ...rows] = records;
  if (rows.length > maxEvents) throw new TooManyEventsError(maxEvents);
  return rows.map((cells) => {
    const event: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = cells[i];
      if (cell === undefined || cell === '') return;
      const path = column.trim().split('.');
      let target = event;
      for (const part of path.slice(0, -1)) {
        if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
        target = target[part] as Record<string, unknown>;
      }
      target[path[path.length - 1]] = typed(column.trim(), cell);
    });
    return event;
  });
}
