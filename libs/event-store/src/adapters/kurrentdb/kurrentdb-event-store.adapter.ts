import { BACKWARDS, END, jsonEvent, KurrentDBClient, NO_STREAM } from '@kurrent/kurrentdb-client';
import type { EventData, Position } from '@kurrent/kurrentdb-client';
import { CATALOGUE_STREAM } from '@trm/domain';
import type { EventMetadata } from '@trm/domain';
import type {
  AppendResult, EventStore, EventToAppend, RecordedEvent, StoredEventRef, StreamAppend,
} from '../../event-store.port';
import { CASE_STREAM_PREFIX } from '../../event-store.port';
import { EventIdConflictError, WrongExpectedVersionError } from '../../errors';
import { chainHash, GENESIS_HASH } from '../../hashing';
import { AllReader } from './kurrentdb-all-reader';
import {
  expectationHolds, isKurrentWrongExpectedVersion, isStoredMetadata, isStreamNotFound, kurrentEventId, mapLimit,
  positionNumber, toRecorded, translateAppendError, type KurrentClient, type StoredMetadata,
} from './kurrentdb-mapping';
import { RESERVATION_STREAM_PREFIX, ReservationRaceError, Reservations, type Reservation } from './kurrentdb-reservations';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Streams named with this prefix are the case streams: the only ones readAll, headPosition and waitForAppend see. Default CASE_STREAM_PREFIX. */
  streamPrefix?: string;
  /**
   * Prepended to the name of every stream this adapter touches (case and reservation streams) and
   * stripped from the names it returns, so several stores can share one server. Default ''.
   */
  namespace?: string;
  /** How long a claim whose event never reached its stream keeps the eventId from other content. Default 5 min (≫ the 10 s append deadline). */
  claimLeaseMs?: number;
  /** Reservation reads and writes in flight per call. Default 16. */
  concurrency?: number;
  /** A client to use instead of one built from `connectionString` (tests). */
  client?: KurrentClient;
}

interface Head { revision: number; hash: string }
interface Fresh {
  id: string;
  event: EventToAppend;
  revision: number;
  data: EventData;
  /** The reservation to claim over; absent when an identical earlier claim is reused. */
  claimOver?: Reservation;
  claimRevision?: number;
}
interface Plan {
  head: Head;
  end: Head;
  /** Per event of the StreamAppend: its index in `fresh`, or -1 for a stored duplicate. */
  slots: number[];
  fresh: Fresh[];
}
type Decision = { fresh: false } | { fresh: true; claimOver?: Reservation; claimRevision?: number };

/** Re-plans of one stream append after losing a race on its stream or a reservation (only when its expected state still holds). */
const MAX_ATTEMPTS = 3;
/** Streams of one batch written at once (each with up to `concurrency` reservation writes in flight). */
const STREAM_CONCURRENCY = 8;

/**
 * Production event store on KurrentDB. Case streams map one to one onto KurrentDB streams
 * (revisions from 0 in both); each event carries our metadata plus its hash-chain links; the
 * global position is KurrentDB's commit position in `$all`.
 *
 * Not atomic across streams. The client's one-call multi-stream append (`multiStreamAppend`)
 * needs a KurrentDB 25.1+ server, takes string-only metadata and reports one position per call,
 * not per event; so a batch is checked as a whole first (every duplicate, conflict and expected
 * state is decided before anything is written) and then appended one KurrentDB append per stream,
 * distinct streams in parallel. A failure part-way (a lost race, the server gone) leaves the
 * other streams of the batch written: the ingest pipeline retries the submission and those events
 * come back as idempotent duplicates (reported as such, not as accepted, on that retry).
 */
export class KurrentDbEventStore implements EventStore {
  readonly name = 'kurrentdb';
  private readonly client: KurrentClient;
  private readonly reservations: Reservations;
  private readonly namespace: string;
  private readonly streamPrefix: string;
  private readonly all: AllReader;
  private readonly claimLeaseMs: number;
  private readonly concurrency: number;
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.namespace = options.namespace ?? '';
    this.streamPrefix = options.streamPrefix ?? CASE_STREAM_PREFIX;
    if (RESERVATION_STREAM_PREFIX.startsWith(this.streamPrefix) || this.streamPrefix.startsWith(RESERVATION_STREAM_PREFIX) || this.streamPrefix.startsWith('$')) {
      throw new Error(`streamPrefix '${this.streamPrefix}' would take in reservation or system streams`);
    }
    this.claimLeaseMs = options.claimLeaseMs ?? 5 * 60_000;
    this.concurrency = options.concurrency ?? 16;
    this.client = options.client ?? KurrentDBClient.connectionString(options.connectionString);
    this.reservations = new Reservations(this.client, this.namespace);
    // The catalogue stream is in the global order too (the projector reads publications in place).
    this.all = new AllReader(this.client, this.namespace, [this.namespace + this.streamPrefix, this.namespace + CATALOGUE_STREAM]);
  }

  private physical(streamId: string): string {
    return this.namespace + streamId;
  }

  async append(batch: StreamAppend[]): Promise<AppendResult[]> {
    for (const { streamId } of batch) {
      if (!streamId.startsWith(this.streamPrefix) && streamId !== CATALOGUE_STREAM) {
        throw new Error(`stream '${streamId}' lacks the case-stream prefix '${this.streamPrefix}': readAll would never see it`);
      }
    }
    // Check the whole batch before writing any of it; a stream named twice continues from its planned end.
    const streamIds = [...new Set(batch.map((s) => s.streamId))];
    const eventIds = [...new Set(batch.flatMap((s) => s.events.map((e) => e.eventId.toLowerCase())))];
    const [heads, known] = await Promise.all([
      mapLimit(streamIds, this.concurrency, async (s) => [s, await this.readHead(s)] as const).then((h) => new Map(h)),
      mapLimit(eventIds, this.concurrency, async (id) => [id, await this.reservations.read(id)] as const).then((r) => new Map(r)),
    ]);
    const inBatch = new Map<string, string>();
    const plans: Plan[] = [];
    for (const sa of batch) {
      const plan = await this.plan(sa, heads.get(sa.streamId)!, inBatch, known);
      heads.set(sa.streamId, plan.end);
      plans.push(plan);
    }
    // Distinct streams are written in parallel, each stream's appends in batch order.
    const results = new Array<AppendResult>(batch.length);
    const byStream = new Map<string, number[]>();
    batch.forEach((sa, i) => byStream.set(sa.streamId, [...(byStream.get(sa.streamId) ?? []), i]));
    await mapLimit([...byStream.values()], STREAM_CONCURRENCY, async (indexes) => {
      for (const i of indexes) results[i] = await this.write(batch[i], plans[i]);
    });
    return results;
  }

  private async readHead(streamId: string): Promise<Head> {
    try {
      for await (const { event } of this.client.readStream(this.physical(streamId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (!event) continue;
        if (!isStoredMetadata(event.metadata)) throw new Error(`the last event of ${streamId} was not written by this adapter`);
        return { revision: Number(event.revision), hash: event.metadata.hash };
      }
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
    }
    return { revision: -1, hash: GENESIS_HASH };
  }

  /** Decides every event (duplicate, conflict or new), checks the expected state and builds the chained events. Writes nothing. */
  private async plan(sa: StreamAppend, head: Head, inBatch: Map<string, string>, known?: Map<string, Reservation>): Promise<Plan> {
    const ids = sa.events.map((e) => e.eventId.toLowerCase());
    const candidates: number[] = [];
    ids.forEach((id, i) => {
      const seen = inBatch.get(id);
      if (seen === undefined) {
        inBatch.set(id, sa.events[i].contentHash);
        candidates.push(i);
      } else if (seen !== sa.events[i].contentHash) {
        throw new EventIdConflictError(sa.events[i].eventId);
      }
    });
    const streams = new Map<string, Promise<RecordedEvent[]>>();
    const decisions = await mapLimit(candidates, this.concurrency, (i) => this.decide(ids[i], sa.streamId, sa.events[i], streams, known?.get(ids[i])));

    const slots = ids.map(() => -1);
    const fresh: Fresh[] = [];
    let { revision, hash: prevHash } = head;
    candidates.forEach((i, k) => {
      const d = decisions[k];
      if (!d.fresh) return;
      const e = sa.events[i];
      const id = ids[i];
      // Only the four contract fields are stored, so only they are hashed (the verifier sees the same).
      const m: EventMetadata = { recordedAt: e.metadata.recordedAt, submissionId: e.metadata.submissionId, keyId: e.metadata.keyId, channel: e.metadata.channel };
      revision += 1;
      const hash = chainHash(prevHash, { streamId: sa.streamId, revision, eventId: id, type: e.type, contentHash: e.contentHash, metadata: m });
      const metadata: StoredMetadata = { ...m, eventId: id, contentHash: e.contentHash, prevHash, hash };
      slots[i] = fresh.length;
      fresh.push({
        id, event: e, revision, claimOver: d.claimOver, claimRevision: d.claimRevision,
        data: jsonEvent({ id: kurrentEventId(id), type: e.type, data: e.data, metadata: { ...metadata } }),
      });
      prevHash = hash;
    });
    if (fresh.length > 0 && !expectationHolds(sa.expected, head.revision)) {
      throw new WrongExpectedVersionError(sa.streamId, sa.expected, head.revision);
    }
    return { head, end: { revision, hash: prevHash }, slots, fresh };
  }

  private async decide(
    id: string, streamId: string, e: EventToAppend, streams: Map<string, Promise<RecordedEvent[]>>, known?: Reservation,
  ): Promise<Decision> {
    const r = known ?? await this.reservations.read(id);
    if (r.state === 'none') return { fresh: true, claimOver: r };
    const stored = r.state === 'stored' ? r.ref : await this.findInStream(r.streamId, id, streams);
    if (stored) {
      if (stored.contentHash !== e.contentHash) throw new EventIdConflictError(e.eventId);
      return { fresh: false };
    }
    if (r.state !== 'claimed') return { fresh: true, claimOver: r };
    // A claim whose event is not in its stream: ours again (a retry), another writer still at work, or abandoned.
    if (r.streamId === streamId && r.contentHash === e.contentHash) return { fresh: true, claimRevision: r.revision };
    if (Date.now() - r.claimedAt > this.claimLeaseMs) return { fresh: true, claimOver: r };
    throw new EventIdConflictError(e.eventId);
  }

  private async findInStream(streamId: string, id: string, streams: Map<string, Promise<RecordedEvent[]>>): Promise<StoredEventRef | undefined> {
    let read = streams.get(streamId);
    if (!read) streams.set(streamId, (read = this.readStream(streamId)));
    const e = (await read).find((x) => x.eventId === id);
    return e && { eventId: id, streamId, position: e.position, revision: e.revision, contentHash: e.contentHash };
  }

  /** Claims, appends at the planned revision, marks the reservations stored; re-plans after a lost race. */
  private async write(sa: StreamAppend, first: Plan): Promise<AppendResult> {
    let plan = first;
    for (let attempt = 1; ; attempt++) {
      if (plan.fresh.length === 0) return this.result(sa, plan, []);
      const claimed: Fresh[] = [];
      let appended = false;
      try {
        await mapLimit(plan.fresh, this.concurrency, async (f) => {
          if (!f.claimOver) return;
          f.claimRevision = await this.reservations.claim(f.id, f.claimOver, { streamId: sa.streamId, contentHash: f.event.contentHash });
          claimed.push(f);
        });
        // The exact planned revision, whatever the caller expected: the hash chain was built on that head.
        const written = await this.client.appendToStream(this.physical(sa.streamId), plan.fresh.map((f) => f.data), {
          streamState: plan.head.revision < 0 ? NO_STREAM : BigInt(plan.head.revision),
        });
        appended = true;
        const positions = await this.positionsOf(sa.streamId, plan, written.position);
        await mapLimit(plan.fresh, this.concurrency, (f, k) => this.reservations.markStored(f.claimRevision!, {
          eventId: f.id, streamId: sa.streamId, revision: f.revision, position: positions[k], contentHash: f.event.contentHash,
        }));
        return this.result(sa, plan, positions);
      } catch (err) {
        const race = err instanceof ReservationRaceError ? err : undefined;
        // Release only after a definite refusal: an ambiguous failure may have written the events.
        if (appended || !(race || isKurrentWrongExpectedVersion(err))) throw err;
        await mapLimit(claimed, this.concurrency, (f) => this.reservations.release(f.id, f.claimRevision!, sa.streamId));
        if (race) {
          if (attempt >= MAX_ATTEMPTS) throw new EventIdConflictError(race.eventId);
        } else {
          // The caller's expected state may still hold ('any', 'stream_exists'): then plan again on the new head.
          const wrong = translateAppendError(err, sa.streamId, sa.expected) as WrongExpectedVersionError;
          if (!expectationHolds(sa.expected, wrong.actual) || attempt >= MAX_ATTEMPTS) throw wrong;
        }
        plan = await this.plan(sa, await this.readHead(sa.streamId), new Map());
      }
    }
  }

  private result(sa: StreamAppend, plan: Plan, positions: number[]): AppendResult {
    return { streamId: sa.streamId, revision: plan.end.revision, positions: plan.slots.map((s) => (s < 0 ? undefined : positions[s])) };
  }

  /** A single event's position comes with the append; several are read back (the append reports only the last). */
  private async positionsOf(streamId: string, plan: Plan, last: Position | undefined): Promise<number[]> {
    if (plan.fresh.length === 1 && last && last.commit >= 0n) return [positionNumber(last, `the event appended to ${streamId}`)];
    const positions: number[] = [];
    const from = BigInt(plan.head.revision + 1);
    for await (const { event } of this.client.readStream(this.physical(streamId), { fromRevision: from, maxCount: plan.fresh.length })) {
      if (event) positions.push(positionNumber(event.position, `event ${event.revision} of ${streamId}`));
    }
    if (positions.length !== plan.fresh.length) throw new Error(`read back ${positions.length} of the ${plan.fresh.length} events appended to ${streamId}`);
    return positions;
  }

  async findByEventIds(eventIds: readonly string[]): Promise<Map<string, StoredEventRef>> {
    const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))];
    const streams = new Map<string, Promise<RecordedEvent[]>>();
    const refs = await mapLimit(ids, this.concurrency, async (id) => {
      const r = await this.reservations.read(id);
      if (r.state === 'stored') return r.ref;
      return r.state === 'none' ? undefined : this.findInStream(r.streamId, id, streams);
    });
    const found = new Map<string, StoredEventRef>();
    for (const ref of refs) if (ref) found.set(ref.eventId, ref);
    return found;
  }

  async streamRevision(streamId: string): Promise<number> {
    return (await this.readHead(streamId)).revision;
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(this.physical(streamId))) {
        if (event) events.push(toRecorded(event, streamId));
      }
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
    }
    return events;
  }

  readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]> {
    return this.all.readAll(afterPosition, maxCount);
  }

  headPosition(): Promise<number> {
    return this.all.headPosition();
  }

  waitForAppend(afterPosition: number, timeoutMs: number): Promise<void> {
    return this.all.waitForAppend(afterPosition, timeoutMs);
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.all.close();
    await this.client.dispose();
  }
}
