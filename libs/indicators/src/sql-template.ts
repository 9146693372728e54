import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SQL_DIR = resolve(__dirname, '../sql');

const cache = new Map<string, string>();
const SECTION = /\{\{([#^])([a-zA-Z]+)\}\}([\s\S]*?)\{\{\/\2\}\}/g;
/**
 * The sources of a view's rows as of asOf: fragments <view>-snapshot.sql and <view>-versions.sql,
 * or for a signed view (<view>_v1, <view>_snapshots_v1) <form>-snapshot.sql and
 * <form>-versions.sql, where the form is `view` (signed versions) or `live` (one row per live pair).
 */
const VIEW_SOURCES = ['snapshot', 'versions'];
/** The section that, set false, leaves a source out: no snapshot, or no rows after it. */
const SOURCE_SECTION: Record<string, string> = { snapshot: 'fromSnapshot', versions: 'sinceSnapshot' };
function viewSource(view: string, source: string, form = 'view'): string {
  const own = join(SQL_DIR, 'fragments', `${view}-${source}.sql`);
  return existsSync(own) ? file(own) : file(join(SQL_DIR, 'fragments', `${form}-${source}.sql`)).replaceAll('{{view}}', view);
}
function file(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8').replace(/^--.*\n/gm, '').trimEnd();
    cache.set(path, text);
  }
  return text;
}

/**
 * Expands an indicator's SQL file: `{{> fragment}}` includes sql/fragments/<fragment>.sql,
 * `{{@view}}…{{/view}}` repeats an aggregation over each source of a view (see VIEW_SOURCES),
 * `{{#name}}…{{/name}}` keeps its text only when the request sets `name` (a filter asked for: a
 * filter that cannot exclude anything is not evaluated row by row; or a form of the query chosen
 * for speed), `{{^name}}…{{/name}}` only when it does not, and `{{name}}` /
 * `{{name:arg}}` take generated text (dimension lists only — never a value: every value is a bound
 * `{name:Type}` parameter).
 */
export function renderSql(
  indicatorId: string,
  slots: Record<string, string | ((arg: string) => string)>,
  sections: Record<string, boolean> = {},
): string {
  const expand = (text: string, depth: number): string =>
    text
      // {{@measure_view}}…{{/measure_view}} (etc.): the aggregation once per source of the view's
      // rows (its snapshot, then the rows recorded after it), as UNION ALL. Each branch aggregates
      // one table read in its sort order; the query sums the branches. {{@measure_view live}}: the
      // live rows instead of the signed versions.
      .replace(/\{\{@([a-z_-]+)(?: ([a-z]+))?\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, view: string, form: string | undefined, body: string) =>
        VIEW_SOURCES.filter((source) => sections[SOURCE_SECTION[source]] !== false)
          .map((source) => body.replace('{{source}}', viewSource(view, source, form))).join('\n        UNION ALL\n'))
      .replace(SECTION, function section(_: string, kind: string, name: string, body: string): string {
        if (!(name in sections)) throw new Error(`SQL section {{${kind}${name}}} has no value`);
        return sections[name] === (kind === '#') ? body.replace(SECTION, section) : ''; // sections nest
      })
      .replace(/\{\{(>\s*)?([a-zA-Z-]+)(?::([a-z]+))?\}\}/g, (_, include, name: string, arg?: string) => {
      if (include) {
        if (depth > 4) throw new Error('fragment nesting too deep');
        return expand(file(join(SQL_DIR, 'fragments', `${name}.sql`)), depth + 1);
      }
      const slot = slots[name];
      if (slot === undefined) throw new Error(`SQL slot {{${name}}} has no value`);
      return typeof slot === 'function' ? slot(arg ?? '') : slot;
    });
  return expand(file(join(SQL_DIR, `${indicatorId}.sql`)), 0);
}

/** The indicator's SQL has a `{{#name}}` section (a form chosen per request, such as `live`). */
export function hasSection(indicatorId: string, name: string): boolean {
  return file(join(SQL_DIR, `${indicatorId}.sql`)).includes(`{{#${name}}}`);
}
