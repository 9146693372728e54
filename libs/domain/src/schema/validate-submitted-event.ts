// The schema step of ingest: shape, vocabularies and the "not in the future" rule of CONTRACT.md §1.
// Compiled once, lazily (importers that never validate pay nothing); the hot path is the generated
// function plus one allocation-free date parse, memoised so the format check's parse is reused.
// Error messages are written here from the schema alone and never echo a submitted value: events
// may carry personal data.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { EventError } from '../errors';
import type { SubmittedEvent } from '../events';
import { EVENT_TYPES } from '../vocabularies';
import { compileEventValidator, ENUM_SET_KEYWORD } from './compile-event-validator';
import { parseRfc3339 } from './date-time';

/** `occurredAt` may be at most this far ahead of receipt (clock skew between systems). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A malformed event reports at most this many errors (one per path). */
export const MAX_ERRORS_PER_EVENT = 20;

/**
 * The earliest accepted `occurredAt`: the TRM dates from 2006 and no national case system holds
 * trafficking cases from before 1990. A year 0000 or 1899 is a data-entry error (one such event
 * moved a country's median reporting lag by 577 years), and the warehouse's time type starts in 1900.
 */
export const EARLIEST_OCCURRED_AT = '1990-01-01T00:00:00.000Z';
const EARLIEST_MS = Date.parse(EARLIEST_OCCURRED_AT);

function occurredAtRange(ms: number, receivedAt: Date): EventError | undefined {
  if (Number.isNaN(ms)) return undefined; // the format error is reported by the schema
  if (ms < EARLIEST_MS) {
    return { path: '/occurredAt', code: 'occurred_out_of_range', message: 'must not be before 1990-01-01T00:00:00Z' };
  }
  if (ms - receivedAt.getTime() > FUTURE_TOLERANCE_MS) {
    return { path: '/occurredAt', code: 'occurred_in_future', message: 'must not be more than 5 minutes after receipt' };
  }
  return undefined;
}

/** Index of the first checklist item that belongs to another measure than the event's, or -1. */
function checklistMismatch(e: SubmittedEvent): number {
  if (e.type !== 'measure.recorded' || !e.checklist) return -1;
  const prefix = `${e.measure}.`;
  return e.checklist.findIndex((item) => !item.startsWith(prefix));
}

export type ValidationResult = { ok: true; event: SubmittedEvent } | { ok: false; errors: EventError[] };

let compiled: ValidateFunction | undefined;

export function validateSubmittedEvent(value: unknown, receivedAt: Date): ValidationResult {
  const validate = (compiled ??= compileEventValidator());
  const errors = validate(value) ? undefined : toEventErrors(validate.errors ?? []);
  const occurredAt = typeof value === 'object' && value !== null ? (value as { occurredAt?: unknown }).occurredAt : undefined;
  const error = typeof occurredAt === 'string' ? occurredAtRange(parseRfc3339(occurredAt), receivedAt) : undefined;
  if (error) return { ok: false, errors: errors ? [...errors, error] : [error] };
  if (!errors) {
    const item = checklistMismatch(value as SubmittedEvent);
    if (item >= 0) {
      return { ok: false, errors: [{ path: `/checklist/${item}`, code: 'unknown_checklist_item', message: 'must be an item of the recorded measure (<measure>.<n>)' }] };
    }
  }
  return errors ? { ok: false, errors } : { ok: true, event: value as SubmittedEvent };
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function toEventErrors(raw: ErrorObject[]): EventError[] {
  const out: EventError[] = [];
  const seen = new Set<string>();
  for (const e of raw) {
    const error = toEventError(e);
    // One error per path: a wrong-typed value would otherwise also fail its enum/pattern.
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    out.push(error);
    if (out.length === MAX_ERRORS_PER_EVENT) break;
  }
  return out;
}

function toEventError(e: ErrorObject): EventError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: `${e.instancePath}/${escapePointer(String(p.missingProperty))}`, code: 'required', message: `missing required property "${String(p.missingProperty)}"` };
    case 'additionalProperties':
      // The offending key is the submitter's own text (it could be a name or an e-mail address):
      // it is never echoed or stored, so the path names the object that holds it.
      return { path: e.instancePath, code: 'additionalProperties', message: 'has a property that is not part of event schema v1 (its name is not repeated here)' };
    case 'discriminator':
      // `type` is required in every branch; ajv reports a missing or non-string tag as one error.
      if (p.error !== 'tag') return { path: '/type', code: 'enum', message: `must be one of: ${EVENT_TYPES.join(', ')}` };
      return p.tagValue === undefined
        ? { path: '/type', code: 'required', message: 'missing required property "type"' }
        : { path: '/type', code: 'type', message: 'must be string' };
    case ENUM_SET_KEYWORD:
      return { path: e.instancePath, code: 'enum', message: messageFor('enum', p) };
    default:
      return { path: e.instancePath, code: e.keyword, message: messageFor(e.keyword, p) };
  }
}

function messageFor(keyword: string, p: Record<string, unknown>): string {
  switch (keyword) {
    case 'type': return `must be ${String(p.type)}`;
    case 'enum': return enumMessage(p.allowedValues as readonly unknown[]);
    case 'const': return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern': return `must match pattern ${String(p.pattern)}`;
    case 'format': return 'must be an RFC 3339 date-time with offset, e.g. 2024-03-01T09:30:00+01:00';
    case 'minItems': return `must have at least ${String(p.limit)} item(s)`;
    case 'maxItems': return `must have at most ${String(p.limit)} items`;
    case 'uniqueItems': return `must not contain duplicates (items ${String(p.j)} and ${String(p.i)} are equal)`;
    default: return `does not satisfy "${keyword}"`;
  }
}

function enumMessage(allowed: readonly unknown[]): string {
  if (allowed.includes('XK')) {
    return `must be an ISO 3166-1 alpha-2 country code or XK${allowed.includes('unknown') ? ', or unknown' : ''}`;
  }
  return `must be one of: ${allowed.join(', ')}`;
}
