// Pseudonymous case ids (CONTRACT.md §5). The national `caseRef` never reaches the event store:
// it is re-keyed with a keyed hash, so the id is stable per (country, caseRef) but cannot be
// reversed or recomputed by anyone without the secret.
import { createHmac } from 'node:crypto';
import type { StoredEventData, SubmittedEvent } from './events';

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'; // RFC 4648 §6, lower case
export const CASE_ID_LENGTH = 26; // 130 bits of the 256-bit HMAC
export const CASE_ID_PATTERN = /^[a-z2-7]{26}$/;

/** Lowercase RFC 4648 base32 of `bytes`, without padding, cut to `maxChars` characters. */
export function base32Lower(bytes: Uint8Array, maxChars = Infinity): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < maxChars; i++) {
    buffer = ((buffer << 8) | bytes[i]) & 0xfff; // at most 12 live bits: 4 left over + 8 new
    bits += 8;
    while (bits >= 5 && out.length < maxChars) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0 && out.length < maxChars) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** `caseId` = first 26 chars of lowercase base32(HMAC-SHA-256(secret, `<country>:<caseRef>`)). */
export function pseudonymousCaseId(secret: string | Buffer, country: string, caseRef: string): string {
  const mac = createHmac('sha256', secret).update(`${country}:${caseRef}`, 'utf8').digest();
  return base32Lower(mac, CASE_ID_LENGTH);
}

/**
 * The event as stored: `caseRef` dropped, `caseId` added, every other field kept. Event ids are
 * lower-cased so that ids compare case-insensitively everywhere downstream (UUIDs are
 * case-insensitive, and a submitter may resend an id in another case).
 */
export function toStoredEvent(e: SubmittedEvent, caseId: string): StoredEventData {
  // A copy loop rather than `{ caseRef, ...rest }`: V8's object rest with an excluded key is slow,
  // and this runs once per ingested event.
  const source = e as unknown as Record<string, unknown>;
  const stored: Record<string, unknown> = {};
  for (const key in source) if (key !== 'caseRef') stored[key] = source[key];
  stored.caseId = caseId;
  stored.eventId = e.eventId.toLowerCase();
  if (e.type === 'event.retracted') stored.retractsEventId = e.retractsEventId.toLowerCase();
  return stored as unknown as StoredEventData;
}
