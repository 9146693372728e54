import { canonicalJson, pseudonymousCaseId, pseudonymousReferralId, ruleError, toStoredEvent, validateSubmittedEvent } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import { coversCountry } from '@trm/auth/keys';
import type { ApiKey } from '@trm/auth/keys';
import { hash } from 'node:crypto';
import type { EventOutcome } from '../submission.types';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An event ready for decide-and-append, or its rejection. */
export interface Prepared {
  index: number;
  eventId?: string;
  outcome?: EventOutcome;
  stored?: StoredEventData;
  hash?: string;
  json?: string;
  /**
   * What was submitted where ingest normalises (`occurredAt`, the referral id): the content hash
   * of events stored before that normalisation is computed from it (legacyHash). Absent: the
   * event was submitted in its stored form.
   */
  legacy?: { occurredAt: string; referralId?: string };
}

/** Who submits, as far as preparation needs to know (the country scope). */
export type PreparingKey = Pick<ApiKey, 'id' | 'countries'>;

/**
 * validate → scope → pseudonymise → canonicalise → hash: the per-event steps that need neither
 * the store nor the other events, so they run on any thread (the ingest preparation pool, or the
 * calling thread). Pseudonyms are memoised: a case's events arrive together.
 */
export class EventPreparer {
  private readonly caseIds = new Map<string, string>();
  private readonly referralIds = new Map<string, string>();

  constructor(private readonly pseudonymSecret: string | Buffer) {}

  prepare(item: unknown, index: number, key: PreparingKey, receivedAt: Date): Prepared {
    const rawId = (item as { eventId?: unknown } | null)?.eventId;
    const eventId = typeof rawId === 'string' && UUID.test(rawId) ? rawId.toLowerCase() : undefined;
    const v = validateSubmittedEvent(item, receivedAt);
    if (!v.ok) return { index, eventId, outcome: { kind: 'rejected', errors: v.errors } };
    const e = v.event;
    if (!coversCountry(key as ApiKey, e.country)) {
      return { index, eventId, outcome: { kind: 'rejected', errors: [ruleError('forbidden_country', `key ${key.id} may not submit for this country`, '/country')] } };
    }
    const stored = toStoredEvent(e, this.caseIdOf(e.country, e.caseRef), this.referralKey);
    // The canonical JSON is both what is hashed and what is stored: serialised once.
    const json = canonicalJson(stored);
    return { index, eventId, legacy: e as Prepared['legacy'], stored, json, hash: hash('sha256', json, 'hex') };
  }

  /** HMAC per (country, caseRef) (CONTRACT.md §5), memoised. */
  caseIdOf(country: string, caseRef: string): string {
    const k = `${country}:${caseRef}`;
    let id = this.caseIds.get(k);
    if (!id) {
      id = pseudonymousCaseId(this.pseudonymSecret, country, caseRef);
      if (this.caseIds.size >= 100_000) this.caseIds.clear();
      this.caseIds.set(k, id);
    }
    return id;
  }

  /** HMAC of a referral id (CONTRACT.md §5), memoised like case ids. */
  private readonly referralKey = (referralId: string): string => {
    let id = this.referralIds.get(referralId);
    if (!id) {
      id = pseudonymousReferralId(this.pseudonymSecret, referralId);
      if (this.referralIds.size >= 100_000) this.referralIds.clear();
      this.referralIds.set(referralId, id);
    }
    return id;
  };
}

/** Is `id` an event id the way the preparer keeps it (a UUID, lower-cased)? */
export function isPreparedEventId(id: string): boolean {
  return UUID.test(id);
}
