import { resolve } from 'node:path';
import { SqlFiles } from '@trm/warehouse';

/**
 * The indicators' SQL (libs/indicators/sql): one mustache template per indicator, its fragments in
 * sql/fragments, and the open-referrals list. How a template is rendered: SqlFiles; what a request
 * renders: the committed files in sql/rendered (libs/indicators/test/rendered-sql.unit.spec.ts).
 */
export const INDICATOR_SQL = SqlFiles.in(resolve(__dirname, '../sql'));

/** The indicator's SQL has a `{{#name}}` section (a form chosen per request, such as `live`). */
export function hasSection(template: string, name: string): boolean {
  return INDICATOR_SQL.hasSection(template, name);
}
