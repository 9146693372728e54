import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlFiles } from '@trm/warehouse';

/** The SQL template renderer every library's statements go through (mustache, strict, no escaping). */
describe('SqlFiles', () => {
  let dir: string;
  let sql: SqlFiles;
  const write = (name: string, text: string) => writeFileSync(join(dir, `${name}.sql`), text);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sql-files-'));
    mkdirSync(join(dir, 'fragments'));
    mkdirSync(join(dir, 'rendered'));
    write('plain', '-- a comment line, left out\nSELECT count() FROM {db:Identifier}.t WHERE x = {x:UInt64}\n');
    write('sections', 'SELECT 1{{#dc}}, sum(k) AS key{{/dc}}{{^dc}}, 0 AS key{{/dc}} FROM t');
    write('params', "WHERE {{#from}}at >= {from:DateTime64(3, 'UTC')}{{/from}}{{^from}}has({countries:Array(String)}, c){{/from}}");
    write('list', 'SELECT {{dims}} sum(s) FROM (\n    {{#sources}}\n    {{#unionAll}}UNION ALL{{/unionAll}}\n    SELECT * FROM {{table}}\n    {{/sources}}\n)');
    write('partials', 'WITH\n{{> cte}},\nx AS (SELECT 1)\nSELECT * FROM {{> source}} WHERE a\n    {{> filter}}\nGROUP BY ALL');
    write('fragments/cte', '-- the fragment\'s comment\ncte AS (SELECT 2)');
    write('fragments/source', 't_{{name}}');
    write('fragments/filter', 'AND b = {b:String}\nAND c');
    write('missing-partial', 'SELECT * FROM {{> nowhere}}');
    write('missing-value', 'SELECT {{dims}} 1{{#dc}}, k{{/dc}}');
    write('rendered/partials.auditor', 'not a template {{');
    sql = SqlFiles.in(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names every file by its path, comment lines left out, and reads the folder once', () => {
    expect(sql.names()).toEqual([
      'fragments/cte', 'fragments/filter', 'fragments/source', 'list', 'missing-partial', 'missing-value', 'params', 'partials', 'plain', 'sections',
    ]);
    expect(sql.text('plain')).toBe('SELECT count() FROM {db:Identifier}.t WHERE x = {x:UInt64}');
    write('plain', 'SELECT 2');
    expect(SqlFiles.in(dir)).toBe(sql);
    expect(sql.render('plain')).toBe('SELECT count() FROM {db:Identifier}.t WHERE x = {x:UInt64}');
  });

  it('keeps a section when set and an inverted section when not', () => {
    expect(sql.render('sections', { dc: true })).toBe('SELECT 1, sum(k) AS key FROM t');
    expect(sql.render('sections', { dc: false })).toBe('SELECT 1, 0 AS key FROM t');
  });

  it('repeats a section once per item of a list, each item\'s names first', () => {
    const sources = [{ table: 'snap', unionAll: false }, { table: 'since', unionAll: true }];
    expect(sql.render('list', { dims: 'dim_country, ', sources })).toBe(
      'SELECT dim_country,  sum(s) FROM (\n    SELECT * FROM snap\n    UNION ALL\n    SELECT * FROM since\n)',
    );
  });

  it('includes fragments inline and on lines of their own, indented', () => {
    expect(sql.render('partials', { name: 'v1' })).toBe(
      'WITH\ncte AS (SELECT 2)\n,\nx AS (SELECT 1)\nSELECT * FROM t_v1\n WHERE a\n    AND b = {b:String}\n    AND c\nGROUP BY ALL',
    );
  });

  it('leaves ClickHouse parameters {name:Type} as they are, next to tags too', () => {
    expect(sql.render('params', { from: true })).toBe("WHERE at >= {from:DateTime64(3, 'UTC')}");
    expect(sql.render('params', { from: false })).toBe('WHERE has({countries:Array(String)}, c)');
  });

  it('inserts generated text as it is (no HTML escaping)', () => {
    expect(sql.render('list', { dims: "if(a < 1 & b > 2, 'x', \"y\") AS d, ", sources: [{ table: 't', unionAll: false }] }))
      .toContain("SELECT if(a < 1 & b > 2, 'x', \"y\") AS d,  sum(s)");
  });

  it('refuses a missing fragment, a missing value and an unknown statement, naming them', () => {
    expect(() => sql.render('missing-partial')).toThrow('SQL missing-partial: no fragment {{> nowhere}}');
    expect(() => sql.render('missing-value', { dims: '' })).toThrow('SQL missing-value: {{dc}} has no value');
    expect(() => sql.render('missing-value', { dc: true })).toThrow('{{dims}} has no value');
    expect(() => sql.render('nowhere')).toThrow(/no SQL file nowhere\.sql/);
  });

  it('does not read the rendered/ folder (the drift test\'s output, not templates)', () => {
    expect(sql.has('rendered/partials.auditor')).toBe(false);
  });
});
