import { createHmac } from 'node:crypto';

/**
 * Record keys of INDICATORS.md "Disclosure control" (rule 2): rk(u) = the first 8 hex digits of
 * HMAC-SHA-256(pseudonym secret, `record-key:` + id) read as an unsigned 32-bit integer (the rule's
 * value in [0, 1) is this / 2³²). Stored as UInt32 on the rows that identify counted units, so a
 * cell key is a plain sum aggregated with the count in the warehouse: HMAC per row at query time
 * would cost seconds at 500k cases.
 *
 * Without a secret (tests that never read as a manager) the keys are HMACs under the empty secret:
 * still deterministic, never zero by construction.
 */
export type RecordKey = (id: string) => number;

export function recordKeyFunction(secret = ''): RecordKey {
  return (id) => createHmac('sha256', secret).update(`record-key:${id}`).digest().readUInt32BE(0);
}
