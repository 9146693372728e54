// RFC 3339 `date-time` (section 5.6) with a mandatory offset, parsed without regular expressions
// or allocation because it runs once per submitted event on the ingest hot path.
// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or `±HH:MM`; `t` and `z` may be lower case
// (RFC 3339 §5.6 note). Rejected on purpose: a space instead of `T`, an offset without colon
// (ISO 8601 basic, not RFC 3339), leap second `:60` (a JS Date cannot hold it), fractions of more
// than 9 digits, and impossible dates such as 2023-02-29.

const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** Two ASCII digits at i..i+1 as a number, or -1. Callers keep i + 1 inside the string. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b; // >>> 0 turns negatives into large numbers
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// One-entry memo: the validator's format check and the future-time check parse the same string
// back to back. Equal strings give equal results, so the memo can never answer wrongly.
let memoInput = '';
let memoMs = NaN;

/** Epoch milliseconds of an RFC 3339 date-time with offset, or NaN when it is not one. */
export function parseRfc3339(s: string): number {
  if (s === memoInput) return memoMs;
  memoMs = parse(s);
  memoInput = s;
  return memoMs;
}

function parse(s: string): number {
  const len = s.length;
  if (len < 20 || len > 35) return NaN;
  const century = twoDigits(s, 0);
  const year = century * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  const t = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 84 && t !== 116)) return NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  if (century < 0 || year < century * 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;

  let i = 19;
  let millis = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < len && i - start < 10) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (i - start < 3) millis += c * (i === start ? 100 : i === start + 1 ? 10 : 1);
      i++;
    }
    if (i === start || i - start > 9) return NaN;
  }

  let offsetMinutes = 0;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== len) return NaN;
  } else if (z === 43 || z === 45) {
    if (i + 6 !== len || s.charCodeAt(i + 3) !== 58) return NaN;
    const oh = twoDigits(s, i + 1);
    const om = twoDigits(s, i + 4);
    if (oh < 0 || om < 0 || om > 59) return NaN;
    offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    // Real time zones lie between UTC−12:00 and UTC+14:00; `-00:00` (RFC 3339: offset unknown) is UTC.
    if (offsetMinutes < MIN_OFFSET_MINUTES || offsetMinutes > MAX_OFFSET_MINUTES) return NaN;
  } else {
    return NaN;
  }

  const days = daysFromCivil(year, month, day);
  return days * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), pure arithmetic. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The instants a ClickHouse `DateTime64(3)` holds: 1900-01-01 to 2299-12-31 (UTC). */
export const WAREHOUSE_MIN_MS = Date.UTC(1900, 0, 1);
export const WAREHOUSE_MAX_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/**
 * The one text form of an instant that ingest stores and the projector writes to the warehouse:
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, milliseconds). Undefined when `s` is not an RFC 3339 date-time
 * or names an instant the warehouse cannot hold. A string already in that form comes back as it is
 * (after the same allocation-free parse).
 */
export function normalizedDateTime(s: string): string | undefined {
  const ms = parseRfc3339(s);
  if (Number.isNaN(ms) || ms < WAREHOUSE_MIN_MS || ms > WAREHOUSE_MAX_MS) return undefined;
  return isNormalizedShape(s) ? s : new Date(ms).toISOString();
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` by shape (its fields were checked by the parse). */
function isNormalizedShape(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(10) === 84 && s.charCodeAt(19) === 46;
}

/** True when `s` is an RFC 3339 date-time with offset naming a real instant. */
export function isRfc3339DateTime(s: string): boolean {
  return !Number.isNaN(parseRfc3339(s));
}
