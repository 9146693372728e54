import { canonicalJson, decide, evolve, measureCatalogue, ruleError, SHIPPED_CATALOGUE } from '@trm/domain';
import type { CaseState, EventError, PublishedCatalogueDocument } from '@trm/domain';
import { caseIdOfStream, EventIdConflictError, WrongExpectedVersionError } from '@trm/event-store';
import type { EventStore, StreamAppend } from '@trm/event-store';
import { hash } from 'node:crypto';
import { CaseStateCache, streamIdOf } from './case-state.cache';
import { mediaType, SUPPORTED_CONTENT_TYPES } from './parsing/parse-body';
import { BodyParseError } from './parsing/body-parse.error';
import { EventPreparer } from './preparation/event-preparer';
import type { Prepared, PreparingKey } from './preparation/event-preparer';
import { prepareBody } from './preparation/prepare-body';
import { PreparationPool } from './preparation/preparation-pool';
import { PreparedEvents } from './preparation/prepared-events';
import type { EventOutcome, Rejection, SubmissionContext, SubmissionResult } from './submission.types';

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
  /**
   * Threads that parse and prepare HTTP bodies (prepareBody) beside the thread that appends
   * (TRM_INGEST_PREP_THREADS); 0: prepared on the calling thread. Default 0 (also the runtime's default on 2 cores).
   */
  prepThreads?: number;
}

/** A submitted body to parse and prepare (the HTTP channel). */
export interface SubmittedBody {
  contentType: string | undefined;
  body: unknown;
  key: PreparingKey;
  receivedAt: Date;
  maxEvents: number;
  /** Also hash the body's bytes (an Idempotency-Key came with it). */
  hashBody: boolean;
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
  private readonly preparer: EventPreparer;
  private readonly pool?: PreparationPool;

  constructor(private readonly store: EventStore, private readonly options: IngestPipelineOptions) {
    this.cache = new CaseStateCache(store, options.caseCacheCapacity);
    this.now = options.now ?? (() => new Date());
    this.preparer = new EventPreparer(options.pseudonymSecret);
    if (options.prepThreads) this.pool = new PreparationPool(options.prepThreads, options.pseudonymSecret);
  }

  /**
   * Parses a body and prepares its events: on a preparation thread when there are any, so the
   * calling thread only appends. undefined: an unsupported content type (answered 415). Throws
   * BodyParseError / TooManyEventsError for a body refused as a whole, as parseBody does.
   */
  async prepareBody(b: SubmittedBody): Promise<{ events: PreparedEvents; bodySha256?: string } | undefined> {
    const type = mediaType(b.contentType);
    if (!(SUPPORTED_CONTENT_TYPES as readonly string[]).includes(type)) return undefined;
    if (!Buffer.isBuffer(b.body)) throw new BodyParseError('body is empty');
    const request = { contentType: type, body: b.body, key: { id: b.key.id, countries: b.key.countries }, receivedAt: b.receivedAt.getTime(), maxEvents: b.maxEvents, hashBody: b.hashBody };
    if (this.pool) return this.pool.prepare(request);
    const { prepared, bodySha256 } = prepareBody(request, this.preparer);
    return { events: new PreparedEvents(prepared), bodySha256 };
  }

  /** Submits parsed items (validated and prepared here, on the calling thread) or events prepared by prepareBody. */
  async submit(items: readonly unknown[] | PreparedEvents, ctx: SubmissionContext): Promise<{ result: SubmissionResult; outcomes: EventOutcome[] }> {
    const prepared = items instanceof PreparedEvents
      ? items.events
      : items.map((item, index) => this.preparer.prepare(item, index, ctx.key, ctx.receivedAt));
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
      result: { submissionId: ctx.submissionId, received: prepared.length, accepted, duplicates, rejected },
      outcomes,
    };
  }

  /** HMAC per (country, caseRef) (CONTRACT.md §5), as ingest keys a case. */
  caseIdOf(country: string, caseRef: string): string {
    return this.preparer.caseIdOf(country, caseRef);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async decideAndAppend(prepared: readonly Prepared[], ctx: SubmissionContext, attempt = 1): Promise<EventOutcome[]> {
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
      const metadata = { recordedAt, submissionId: ctx.submissionId, keyId: ctx.key.id, channel: ctx.channel };
      for (const [caseId, t] of touched) {
        if (t.events.length === 0) continue;
        appends.push({
          streamId: streamIdOf(caseId),
          expected: t.expected === -1 ? 'no_stream' : t.expected,
          events: t.events.map((p) => ({
            eventId: p.stored!.eventId,
            type: p.stored!.type,
            data: p.stored! as unknown as Record<string, unknown>,
            metadata, // one object for the submission's events: the stores only read it
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
  const e = p.legacy;
  if (!e) return p.hash!;
  const legacy: Record<string, unknown> = { ...p.stored!, occurredAt: e.occurredAt };
  if ('referralId' in e) legacy.referralId = e.referralId;
  return hash('sha256', canonicalJson(legacy), 'hex');
}

function conflict(): EventError {
  return ruleError('event_id_conflict', 'this eventId is already stored with different content', '/eventId');
}
