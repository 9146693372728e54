import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Mustache from 'mustache';

/** What a template may be given: switches (sections), lists of sources, generated text. */
export type SqlView = Record<string, unknown>;

/** A folder of rendered statements committed for review (a drift test writes them): not templates. */
export const RENDERED = 'rendered';

/** SQL is not HTML: a variable's text goes in as it is (only generated text, never a value). */
const NO_ESCAPE = { escape: (text: unknown) => String(text) };

/**
 * A library's warehouse statements: every `*.sql` file under its `sql/` folder, read once when
 * the library is loaded (`SqlFiles.in(resolve(__dirname, '../sql'))`: the same path from source
 * under swc and Jest, and from dist/ where nest-cli.json copies the folders) and kept. Each statement is named by its path without `.sql` (`measure.days_to`,
 * `fragments/cat`); lines that start with `--` are the file's comments and are left out. A folder
 * `rendered/` holds the rendered output committed for review, and is not read.
 *
 * A file is a mustache template: `{{#name}}…{{/name}}` keeps its text when `name` is set (and
 * repeats it once per item of a list), `{{^name}}…{{/name}}` when it is not, `{{> name}}` includes
 * `fragments/<name>.sql`, `{{name}}` inserts generated text (a column or dimension list). Values
 * never go through the template: they are ClickHouse query parameters (`{name:Type}`, single
 * braces, which mustache leaves alone), bound by the warehouse.
 *
 * A name the template uses but the view does not define, and a missing fragment, are errors (a
 * plain mustache renders them as nothing).
 */
export class SqlFiles {
  private static readonly loaded = new Map<string, SqlFiles>();
  private readonly files = new Map<string, string>();

  private constructor(readonly dir: string) {
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== RENDERED) walk(path);
        } else if (entry.name.endsWith('.sql')) {
          const name = relative(dir, path).slice(0, -'.sql'.length).split(sep).join('/');
          this.files.set(name, readFileSync(path, 'utf8').replace(/^--.*(\n|$)/gm, '').trimEnd());
        }
      }
    };
    walk(dir);
  }

  /** The statements of one folder (each library's `sql/`), read once per process. */
  static in(dir: string): SqlFiles {
    let files = SqlFiles.loaded.get(dir);
    if (!files) {
      files = new SqlFiles(dir);
      SqlFiles.loaded.set(dir, files);
    }
    return files;
  }

  /** Every statement's name (fragments included), sorted. */
  names(): string[] {
    return [...this.files.keys()].sort();
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  /** A statement's text as written (comment lines left out), not rendered. */
  text(name: string): string {
    const text = this.files.get(name);
    if (text === undefined) throw new Error(`no SQL file ${name}.sql in ${this.dir}`);
    return text;
  }

  /** A statement rendered with `view` (see the class comment); a file without tags as it is. */
  render(name: string, view: SqlView = {}): string {
    const template = this.text(name);
    if (!template.includes('{{')) return template;
    const strict = new Proxy(view, {
      has: (target, key) => {
        if (typeof key === 'string' && !(key in target)) throw new Error(`SQL ${name}: {{${key}}} has no value`);
        return key in target;
      },
    });
    const partial = (fragment: string): string => {
      const text = this.files.get(`fragments/${fragment}`);
      if (text === undefined) throw new Error(`SQL ${name}: no fragment {{> ${fragment}}} (fragments/${fragment}.sql in ${this.dir})`);
      // Ends its last line, as mustache expects of a partial: a `{{> name}}` on a line of its own
      // takes that line's place, line ending included.
      return `${text}\n`;
    };
    // Sections left out leave blank lines and trailing spaces: gone, so the SQL reads as committed.
    return Mustache.render(template, strict, partial, NO_ESCAPE).replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n').trim();
  }

  /** The statement has a `{{#name}}` section (a form of the query chosen per request, such as `live`). */
  hasSection(statement: string, section: string): boolean {
    return this.text(statement).includes(`{{#${section}}}`);
  }
}
