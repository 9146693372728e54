import type { QueryParams } from '../../warehouse.port';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):\s*([^{}]+?)\s*\}/g;

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function literal(v: unknown, name: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`query parameter ${name}: not a finite number`);
    return String(v);
  }
  if (typeof v === 'string') return quote(v);
  if (v instanceof Date) return quote(v.toISOString().replace('T', ' ').replace('Z', ''));
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, name)).join(', ')}]`;
  throw new Error(`query parameter ${name}: unsupported value`);
}

/**
 * A statement with its `{name:Type}` parameters written in as literals: an identifier quoted,  any
 * other value as `CAST(<literal> AS Type)` — the value the engine would have
 * bound. Why: the chdb binding runs every parameterized statement of the process one after another
 * (one chain shared by all sessions: its parameter state is not isolated per connection), so a long
 * parameterized write would hold every query behind it; a statement without parameters runs beside
 * them. Placeholders with no value given stay as they are (the engine rejects them as it would).
 */
export function inlineParams(sql: string, params: QueryParams): string {
  return sql.replace(PLACEHOLDER, (whole, name: string, type: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const v = params[name];
    if (type === 'Identifier') {
      if (typeof v !== 'string' || v.length === 0) throw new Error(`query parameter ${name}: not an identifier`);
      return `\`${v.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
    }
    return `CAST(${literal(v, name)} AS ${type})`;
  });
}
