// Guards around JSON.parse for submitted bodies. JSON.parse itself never writes to a prototype (a
// `"__proto__"` key becomes an own property), but such keys would reach code that copies objects
// with assignment, and duplicate keys are read differently by different parsers (the last one wins
// here, the first in some national systems' tooling): both are refused before anything else runs.
// The scan is one pass over the text with no allocation; the key walk stops at MAX_DEPTH, so a
// 100,000-level body costs no more than a flat one.
import { isUtf8 } from 'node:buffer';
import { BodyParseError } from './body-parse.error';

/** An event is at most 3 levels deep (event → profile → exploitation); a JSON array adds one. */
export const MAX_DEPTH = 8;
/** Keys that could reach an object's prototype chain if ever assigned. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonShape {
  /** Deepest nesting of objects and arrays. */
  depth: number;
  /** Members of objects (`"key": value`), counted on the text. */
  members: number;
}

/** Nesting depth and member count of one JSON text, counted outside strings. */
export function scanJson(text: string, start = 0, end = text.length): JsonShape {
  let depth = 0;
  let max = 0;
  let members = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 58) members++;
  }
  return { depth: max, members };
}

/**
 * Counts the members of a parsed value and refuses prototype keys. Returns -1 when a forbidden key
 * is found. Only called on values whose depth was checked on the text.
 */
function countMembers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) {
      const m = countMembers(v);
      if (m < 0) return -1;
      n += m;
    }
    return n;
  }
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key)) return -1;
    const m = countMembers((value as Record<string, unknown>)[key]);
    if (m < 0) return -1;
    n += m + 1;
  }
  return n;
}

/** Where a problem is, for the 400 answer: a line (NDJSON) or nothing (one JSON document). */
export interface Where {
  line?: number;
  offset?: number;
}

const at = (w: Where): string => (w.line ? ` on line ${w.line}` : '');

/** JSON.parse of one document, refusing deep nesting, prototype keys and duplicate keys (never echoing the text). */
export function parseGuarded(text: string, where: Where, start = 0, end = text.length): unknown {
  const shape = scanJson(text, start, end);
  if (shape.depth > MAX_DEPTH) {
    throw new BodyParseError(`JSON nested deeper than ${MAX_DEPTH} levels${at(where)}`, where.line, where.offset, 'nesting_too_deep');
  }
  let value: unknown;
  try {
    value = JSON.parse(start === 0 && end === text.length ? text : text.slice(start, end));
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const offset = where.line ? where.offset : m ? Number(m[1]) : undefined;
    throw new BodyParseError(where.line ? `line ${where.line} is not valid JSON` : 'body is not valid JSON', where.line, offset);
  }
  const members = countMembers(value);
  if (members < 0) {
    throw new BodyParseError(`JSON keys __proto__, constructor and prototype are not allowed${at(where)}`, where.line, where.offset, 'forbidden_key');
  }
  if (members !== shape.members) {
    throw new BodyParseError(`an object has the same key twice${at(where)}`, where.line, where.offset, 'duplicate_key');
  }
  return value;
}

/** UTF-8 text of a body: invalid UTF-8 is refused (never silently replaced), a leading BOM dropped. */
export function utf8Text(body: Buffer): string {
  if (!isUtf8(body)) throw new BodyParseError('body is not valid UTF-8', undefined, undefined, 'invalid_utf8');
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0);
}
