// Canonical JSON and content hashes. An event's content hash decides duplicate (same eventId, same
// content) versus `event_id_conflict` (same eventId, other content), and chains each case stream
// for tamper evidence, so it must not depend on key order or whitespace of the submission.
import { createHash } from 'node:crypto';
import type { StoredEventData } from './events';

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively), no whitespace, arrays in
 * order. Strings and numbers are written as JSON.stringify writes them, which makes this the
 * RFC 8785 (JCS) form for the JSON values events hold. Like JSON.stringify, it drops undefined
 * properties and writes undefined array items and non-finite numbers as null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint is not JSON');
    return 'null'; // null, undefined, functions and symbols, as in an array by JSON.stringify
  }
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canonicalJson(json.call(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Hex SHA-256 of the canonical JSON of a stored event's data. */
export function contentHash(data: StoredEventData): string {
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');
}
