import {
  canonicalJson, decide, evolve, measureCatalogue, pseudonymousCaseId, pseudonymousReferralId, ruleError, SHIPPED_CATALOGUE, toStoredEvent,
  validateSubmittedEvent,
} from '@trm/domain';
import type { CaseState, EventError, PublishedCatalogueDocument, StoredEventData, SubmittedEvent } from '@trm/domain';
import { coversCountry } from '@trm/auth';
import { caseIdOfStream, EventIdConflictError, WrongExpectedVersionError } from '@trm/event-store';
import type { EventStore, StreamAppend } from '@trm/event-store';
import { hash } from 'node:crypto';
import { CaseStateCache, streamIdOf } from './case-state.cache';
import type { EventOutcome, Rejection, SubmissionContext, SubmissionResult } from './submission.types';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

interface Prepared {
  index: number;
  submitted?: SubmittedEvent;
  eventId?: string;
  outcome?: EventOutcome;
  stored?: StoredEventData;
  hash?: string;
  json?: string;
}

export interface IngestPipelineOptions {
  pseudonymSecret: string | Buffer;
  /** Knowledge time source; tests inject a controllable clock. */
  now?: () => Date;
  /**
   * The published catalogue documents (the runtime's CatalogueRegistry), read once per submission:
   * measure codes and the child-only check follow them (CATALOGUE.md). Default: trm-baseline-1 alone.
   */
  catalogue?: { published(): Promise<readonly PublishedCatalogueDocument[]> };
  /** Case states held in memory (CaseStateCache); others are folded again from their streams. */
  caseCacheCapacity?: number;
}

/**
 * validate → scope → pseudonymise → deduplicate → case rules → append, composed in one place.
 * Each event's outcome is a value; only an unavailable store throws (and then nothing is
 * acknowledged). Decide-and-append runs one submission at a time in this process; the expected
 * revisions on the append guard against other writers.
 */
export class IngestPipeline {
  private readonly cache: CaseStateCache;
  private queue: Promise<unknown> = Promise.resolve();
  private lastRecordedAt = 0;
  private readonly now: () => Date;
  private readonly caseIds = new Map<string, string>();
  private readonly referralIds = new Map<string, string>();

  constructor(private readonly store: EventStore, private readonly options: IngestPipelineOptions) {
    this.cache = new CaseStateCache(store, options.caseCacheCapacity);
    this.now = options.now ?? (() => new Date());
  }

  async submit(items: readonly unknown[], ctx: SubmissionContext): Promise<{ result: SubmissionResult; outcomes: EventOutcome[] }> {
    const prepared = items.map((item, index) => this.prepare(item, index, ctx));
    const outcomes = await this.exclusive(() => this.decideAndAppend(prepared, ctx));
    const rejected: Rejection[] = [];
    let accepted = 0;
    let duplicates = 0;
    outcomes.forEach((o, index) => {
      if (o.kind === 'accepted') accepted += 1;
      else if (o.kind === 'duplicate') duplicates += 1;
      else rejected.push({ index, ...(prepared[index].eventId ? { eventId: prepared[index].eventId } : {}), errors: o.errors });
    });
    return {
      result: { submissionId: ctx.submissionId, received: items.length, accepted, duplicates, rejected },
      outcomes,
    };
  }

  private prepare(item: unknown, index: number, ctx: SubmissionContext): Prepared {
    const rawId = (item as { eventId?: unknown } | null)?.eventId;
    const eventId = typeof rawId === 'string' && UUID.test(rawId) ? rawId.toLowerCase() : undefined;
    const v = validateSubmittedEvent(item, ctx.receivedAt);
    if (!v.ok) return { index, eventId, outcome: { kind: 'rejected', errors: v.errors } };
    const e = v.event;
    if (!coversCountry(ctx.key, e.country)) {
      return { index, eventId, outcome: { kind: 'rejected', errors: [ruleError('forbidden_country', `key ${ctx.key.id} may not submit for this country`, '/country')] } };
    }
    const stored = toStoredEvent(e, this.caseIdOf(e.country, e.caseRef), this.referralKey);
    // The canonical JSON is both what is hashed and what is stored: serialised once.
    const json = canonicalJson(stored);
    return { index, eventId, submitted: e, stored, json, hash: hash('sha256', json, 'hex') };
  }

  /** HMAC per (country, caseRef) (CONTRACT.md §5), memoised: a case's events arrive together. */
  caseIdOf(country: string, caseRef: string): string {
    const k = `${country}:${caseRef}`;
    let id = this.caseIds.get(k);
    if (!id) {
      id = pseudonymousCaseId(this.options.pseudonymSecret, country, caseRef);
      if (this.caseIds.size >= 100_000) this.caseIds.clear();
      this.caseIds.set(k, id);
    }
    return id;
  }

  /** HMAC of a referral id (CONTRACT.md §5), memoised like case ids. */
  private readonly referralKey = (referralId: string): string => {
    let id = this.referralIds.get(referralId);
    if (!id) {
      id = pseudonymousReferralId(this.options.pseudonymSecret, referralId);
      if (this.referralIds.size >= 100_000) this.referralIds.clear();
      this.referralIds.set(referralId, id);
    }
    return id;
  };

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async decideAndAppend(prepared: Prepared[], ctx: SubmissionContext, attempt = 1): Promise<EventOutcome[]> {
    if (!this.started) await this.start();
    const outcomes: EventOutcome[] = prepared.map((p) => p.outcome ?? { kind: 'rejected', errors: [] });
    const candidates = prepared.filter((p) => p.stored);
    const stored = await this.store.findByEventIds(candidates.map((p) => p.stored!.eventId));
    const inBatch = new Map<string, string>();
    const touched = new Map<string, { state: CaseState; expected: number; events: Prepared[] }>();
    const published = candidates.length === 0 ? undefined
      : this.options.catalogue ? await this.options.catalogue.published() : SHIPPED_CATALOGUE;
    // Knowledge time never goes back past a publication either (another process may have stamped it).
    for (const p of published ?? []) if (p.recordedAt !== null) this.lastRecordedAt = Math.max(this.lastRecordedAt, Date.parse(p.recordedAt));
    // The catalogue as of receipt: the knowledge time this submission's events are recorded at.
    const recordedAt = this.recordedAt(ctx.recordedAt);
    const catalogue = published && measureCatalogue(published, Date.parse(recordedAt));
    try {
      for (const p of candidates) {
        const e = p.stored!;
        const earlier = stored.get(e.eventId)?.contentHash ?? inBatch.get(e.eventId);
        if (earlier !== undefined) {
          outcomes[p.index] = earlier === p.hash || earlier === legacyHash(p)
            ? { kind: 'duplicate' }
            : { kind: 'rejected', errors: [conflict()] };
          continue;
        }
        let t = touched.get(e.caseId);
        if (!t) {
          const state = await this.cache.get(e.caseId);
          t = { state, expected: state.revision, events: [] };
          touched.set(e.caseId, t);
        }
        const errors = decide(t.state, e, catalogue);
        if (errors.length) {
          outcomes[p.index] = { kind: 'rejected', errors };
          continue;
        }
        evolve(t.state, e);
        t.events.push(p);
        inBatch.set(e.eventId, p.hash!);
        outcomes[p.index] = { kind: 'accepted' };
      }
      const appends: StreamAppend[] = [];
      for (const [caseId, t] of touched) {
        if (t.events.length === 0) continue;
        appends.push({
          streamId: streamIdOf(caseId),
          expected: t.expected === -1 ? 'no_stream' : t.expected,
          events: t.events.map((p) => ({
            eventId: p.stored!.eventId,
            type: p.stored!.type,
            data: p.stored! as unknown as Record<string, unknown>,
            metadata: { recordedAt, submissionId: ctx.submissionId, keyId: ctx.key.id, channel: ctx.channel },
            contentHash: p.hash!,
            dataJson: p.json,
          })),
        });
      }
      if (appends.length) {
        const results = await this.store.append(appends);
        results.forEach((r, i) => {
          const streamEvents = touched.get(caseIdOfStream(appends[i].streamId))!.events;
          r.positions.forEach((pos, j) => {
            outcomes[streamEvents[j].index] = { kind: 'accepted', position: pos };
          });
        });
      }
      return outcomes;
    } catch (err) {
      // Nothing of this submission was written: forget the speculative case states.
      this.cache.invalidate(touched.keys());
      if ((err instanceof WrongExpectedVersionError || err instanceof EventIdConflictError) && attempt < 5) {
        return this.decideAndAppend(prepared, ctx, attempt + 1);
      }
      throw err;
    }
  }

  private started = false;

  /** Knowledge time continues from the last recorded event, even if this machine's clock is behind it. */
  private async start(): Promise<void> {
    const head = await this.store.headPosition();
    if (head > 0) {
      const [last] = await this.store.readAll(head - 1, 1);
      if (last) this.lastRecordedAt = Math.max(this.lastRecordedAt, Date.parse(last.metadata.recordedAt));
    }
    this.started = true;
  }

  /** Knowledge time, never going backwards: a figure asked as of T must never change later. */
  private recordedAt(requested?: Date): string {
    const t = Math.max((requested ?? this.now()).getTime(), this.lastRecordedAt);
    this.lastRecordedAt = t;
    return new Date(t).toISOString();
  }
}

/**
 * The content hash the event would have had when stored before ingest normalised `occurredAt` and
 * re-keyed referral ids: a resend of such an event is still a duplicate, not a conflict.
 */
function legacyHash(p: Prepared): string {
  const e = p.submitted!;
  const legacy: Record<string, unknown> = { ...p.stored!, occurredAt: e.occurredAt };
  if ('referralId' in e) legacy.referralId = e.referralId;
  return hash('sha256', canonicalJson(legacy), 'hex');
}

function conflict(): EventError {
  return ruleError('event_id_conflict', 'this eventId is already stored with different content', '/eventId');
}
