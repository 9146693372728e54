// Pseudonymous case ids (CONTRACT.md §5). The national `caseRef` never reaches the event store:
// it is re-keyed with a keyed hash, so the id is stable per (country, caseRef) but cannot be
// reversed or recomputed by anyone without the secret.
import { createHmac } from 'node:crypto';
import type { StoredEventData, SubmittedEvent } from './events';
import { normalizedDateTime } from './schema/date-time';

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
 * A referral's id as stored (CONTRACT.md §5): re-keyed like a case id, over `referral:<referralId>`
 * and without the country, so the sender's and the receiver's events still match. The submitted id
 * is the national system's text (it may be built from a name and a date of birth) and never
 * reaches disk.
 */
export function pseudonymousReferralId(secret: string | Buffer, referralId: string): string {
  const mac = createHmac('sha256', secret).update(`referral:${referralId}`, 'utf8').digest();
  return base32Lower(mac, CASE_ID_LENGTH);
}

/**
 * The event as stored: `caseRef` dropped, `caseId` added, the referral id re-keyed (when a keying
 * function is given), `occurredAt` in its one normalised form (UTC, milliseconds: what ingest
 * accepted, the warehouse can hold), every other field kept. Event ids are lower-cased so that ids
 * compare case-insensitively everywhere downstream (UUIDs are case-insensitive, and a submitter may
 * resend an id in another case).
 */
export function toStoredEvent(e: SubmittedEvent, caseId: string, referralKey?: (referralId: string) => string): StoredEventData {
  // A copy loop rather than `{ caseRef, ...rest }`: V8's object rest with an excluded key is slow,
  // and this runs once per ingested event.
  const source = e as unknown as Record<string, unknown>;
  const stored: Record<string, unknown> = {};
  for (const key in source) if (key !== 'caseRef') stored[key] = source[key];
  stored.caseId = caseId;
  stored.eventId = e.eventId.toLowerCase();
  stored.occurredAt = normalizedDateTime(e.occurredAt) ?? e.occurredAt;
  if (e.type === 'event.retracted') stored.retractsEventId = e.retractsEventId.toLowerCase();
  if (referralKey && 'referralId' in e) stored.referralId = referralKey(e.referralId);
  return stored as unknown as StoredEventData;
}

/**
 * Events stored before referral ids were re-keyed hold the submitted id; read through this step
 * (with the same secret), they reach the warehouse re-keyed and match the re-keyed events stored
 * since. An id already of the re-keyed shape is taken as re-keyed.
 */
export function rekeyLegacyReferral(secret: string | Buffer): (data: Record<string, unknown>) => Record<string, unknown> {
  const memo = new Map<string, string>();
  return (data) => {
    const id = data.referralId;
    if (typeof id !== 'string' || CASE_ID_PATTERN.test(id)) return data;
    let keyed = memo.get(id);
    if (keyed === undefined) {
      keyed = pseudonymousReferralId(secret, id);
      if (memo.size >= 100_000) memo.clear();
      memo.set(id, keyed);
    }
    return { ...data, referralId: keyed };
  };
}
