import { ACTORS } from '../vocabularies';
import type { CatalogueDeadline } from './catalogue-document';

/**
 * Field checks shared by the publishing checks (catalogue-checks.ts). Each returns errors as
 * values. Messages are ours and never repeat the input: a refused document may hold free text.
 */

/** Codes of CATALOGUE.md's publishing checks. */
export const CATALOGUE_CHECK_CODES = [
  'catalogue_version_exists', 'unknown_base', 'unknown_measure', 'invalid_duration', 'invalid_anchor',
  'anchor_cycle', 'invalid_effective_from', 'forbidden_country', 'duplicate_measure', 'invalid_measure_code',
  'invalid_before',
] as const;
/**
 * The shape of a document is refused, as events are (CONTRACT.md §1), with the JSON-Schema keyword
 * as code: a missing field (an incomplete measure) is `required`, an unknown one
 * `additionalProperties`, a value outside a vocabulary `enum`, and so on.
 */
export const CATALOGUE_SHAPE_CODES = [
  'required', 'type', 'additionalProperties', 'enum', 'const', 'oneOf', 'pattern', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'uniqueItems', 'maxProperties',
] as const;
export type CatalogueErrorCode = (typeof CATALOGUE_CHECK_CODES)[number] | (typeof CATALOGUE_SHAPE_CODES)[number];

export interface CatalogueError {
  /** JSON pointer into the document ('' for the whole document). */
  path: string;
  code: CatalogueErrorCode;
  message: string;
}

export const err = (path: string, code: CatalogueErrorCode, message: string): CatalogueError => ({ path, code, message });

/** Document ids: a letter first, then hyphen-separated words (`trm-baseline-2`, `trm-BG-1`); never `diff`. */
export const DOCUMENT_ID = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/;
export const MAX_ID_LENGTH = 64;
/** `SOP<n>.M<k>` or `SOP<n>.C<k>`, n 1–5. */
export const MEASURE_CODE = /^SOP([1-5])\.([MC])([1-9][0-9]{0,2})$/;
export const MAX_TITLE_LENGTH = 200;
export const MAX_MEASURES = 500;
/** A deadline of at most 100 years: longer is a typo, and keeps due times far inside Date's range. */
export const MAX_WITHIN_DAYS = 36_500;
const DURATION = /^P(0|[1-9][0-9]{0,4})D$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const ENTERED = /^entered:SOP([1-5])$/;
const TERMS = new Set(['all', 'child', 'adult', 'foreign', 'origin']);
const ACTOR_SET: ReadonlySet<string> = new Set(ACTORS);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys outside `allowed` are refused; the path names the object, never the foreign key. */
export function unknownFields(v: Record<string, unknown>, allowed: readonly string[], path: string, what: string): CatalogueError[] {
  const extra = Object.keys(v).filter((k) => !allowed.includes(k)).length;
  return extra === 0 ? [] : [err(path, 'additionalProperties', `${what} has ${extra} unknown field(s); allowed: ${allowed.join(', ')}`)];
}

export function has(v: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(v, key);
}

export function checkId(v: unknown, path: string): CatalogueError[] {
  if (typeof v !== 'string') return [err(path, 'type', 'must be a string')];
  if (v.length > MAX_ID_LENGTH) return [err(path, 'maxLength', `must be at most ${MAX_ID_LENGTH} characters`)];
  if (!DOCUMENT_ID.test(v)) return [err(path, 'pattern', 'must be words of letters and digits joined by hyphens, starting with a letter (e.g. trm-BG-1)')];
  return [];
}

/** A real calendar date `YYYY-MM-DD` from 0001-01-01 to 9999-12-31. */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  // Date.UTC maps years 0–99 to 1900–1999: set the year separately.
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function checkEffectiveFrom(v: unknown, path: string): CatalogueError[] {
  return isCalendarDate(v) ? [] : [err(path, 'invalid_effective_from', 'must be a calendar date YYYY-MM-DD (00:00 UTC), from 0001-01-01 to 9999-12-31')];
}

export function isDuration(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DURATION.exec(v);
  return m !== null && Number(m[1]) <= MAX_WITHIN_DAYS;
}

export function isMeasureCode(v: unknown): v is string {
  return typeof v === 'string' && MEASURE_CODE.test(v);
}

/**
 * A deadline: `{ anchor, within }` only, the anchor `case.opened` or one of `codes` (the document's
 * measure codes; when unknown — a profile of an unknown base — any well-formed measure code).
 */
export function checkDeadline(v: unknown, path: string, codes: ReadonlySet<string> | undefined): CatalogueError[] {
  if (!isObject(v)) return [err(path, 'type', 'a deadline is an object { anchor, within }')];
  const errors = unknownFields(v, ['anchor', 'within'], path, 'a deadline');
  if (!has(v, 'anchor')) errors.push(err(`${path}/anchor`, 'required', 'a deadline needs an anchor'));
  else if (v.anchor !== 'case.opened' && !(codes ? typeof v.anchor === 'string' && codes.has(v.anchor) : isMeasureCode(v.anchor))) {
    errors.push(err(`${path}/anchor`, 'invalid_anchor', 'must be case.opened or a measure code of the same document'));
  }
  if (!has(v, 'within')) errors.push(err(`${path}/within`, 'required', 'a deadline needs within'));
  else if (!isDuration(v.within)) {
    errors.push(err(`${path}/within`, 'invalid_duration', `must be an ISO-8601 duration of whole days P<n>D, n at most ${MAX_WITHIN_DAYS}`));
  }
  return errors;
}

/** A checked deadline, copied so nothing else of the input is kept. */
export const copyDeadline = (v: Record<string, unknown>): CatalogueDeadline => ({ anchor: v.anchor as string, within: v.within as string });

/** appliesTo: a non-empty list of distinct terms of CATALOGUE.md. */
export function checkAppliesTo(v: unknown, path: string): CatalogueError[] {
  if (!Array.isArray(v)) return [err(path, 'type', 'must be an array of applicability terms')];
  if (v.length === 0) return [err(path, 'minItems', 'needs at least one term (all for every case)')];
  if (v.length > 8) return [err(path, 'maxItems', 'has at most 8 terms')];
  const errors: CatalogueError[] = [];
  v.forEach((t, i) => {
    if (typeof t !== 'string' || !(TERMS.has(t) || ENTERED.test(t))) {
      errors.push(err(`${path}/${i}`, 'enum', 'must be all, child, adult, foreign, origin or entered:SOP<n> (n 1-5)'));
    }
  });
  if (errors.length === 0 && new Set(v).size !== v.length) errors.push(err(path, 'uniqueItems', 'terms must be distinct'));
  return errors;
}

/** actors: a non-empty list of distinct actor types. */
export function checkActors(v: unknown, path: string): CatalogueError[] {
  if (!Array.isArray(v)) return [err(path, 'type', 'must be an array of actor types')];
  if (v.length === 0) return [err(path, 'minItems', 'needs at least one actor type')];
  if (v.length > ACTORS.length) return [err(path, 'maxItems', `has at most ${ACTORS.length} actor types`)];
  const errors: CatalogueError[] = [];
  v.forEach((a, i) => {
    if (typeof a !== 'string' || !ACTOR_SET.has(a)) errors.push(err(`${path}/${i}`, 'enum', 'must be an actor type of CATALOGUE.md'));
  });
  if (errors.length === 0 && new Set(v).size !== v.length) errors.push(err(path, 'uniqueItems', 'actor types must be distinct'));
  return errors;
}

export function checkTitle(v: unknown, path: string): CatalogueError[] {
  if (typeof v !== 'string') return [err(path, 'type', 'must be a string')];
  if (v.trim().length === 0) return [err(path, 'minLength', 'must not be empty')];
  if (v.length > MAX_TITLE_LENGTH) return [err(path, 'maxLength', `must be at most ${MAX_TITLE_LENGTH} characters`)];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return [err(path, 'pattern', 'must not contain control characters')];
  return [];
}

/**
 * Codes on a cycle of the graph code → next codes (anchors, or `before`), in first-found order.
 * Iterative: a hostile document cannot overflow the stack.
 */
export function cycleMembers(next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const state = new Map<string, 1 | 2>(); // 1 on the path, 2 done
  const onCycle = new Set<string>();
  for (const start of next.keys()) {
    if (state.has(start)) continue;
    const stack: { code: string; i: number }[] = [{ code: start, i: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = next.get(top.code) ?? [];
      if (top.i < targets.length) {
        const t = targets[top.i++];
        const s = state.get(t);
        if (s === 1) {
          for (let k = stack.length - 1; k >= 0; k--) {
            onCycle.add(stack[k].code);
            if (stack[k].code === t) break;
          }
        } else if (s === undefined && next.has(t)) {
          state.set(t, 1);
          stack.push({ code: t, i: 0 });
        }
      } else {
        state.set(top.code, 2);
        stack.pop();
      }
    }
  }
  return onCycle;
}
