import type { EventMetadata } from '@trm/domain';

/** Every case stream's name starts with this; nothing else in the store does. */
export const CASE_STREAM_PREFIX = 'trm-case-';

/** The stream of a case: every event of the case, in the order the case rules accepted them. */
export function streamIdOf(caseId: string): string {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}

/** The case a case stream belongs to (the inverse of streamIdOf). */
export function caseIdOfStream(streamId: string): string {
  return streamId.slice(CASE_STREAM_PREFIX.length);
}

/** Nest injection token of the configured event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * Expected state of a stream before an append (optimistic concurrency).
 * A number is the revision of the stream's last event; revisions start at 0 (as in KurrentDB).
 */
export type ExpectedState = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventToAppend {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** sha-256 of the canonical data: tells a re-sent duplicate from an eventId conflict. */
  contentHash: string;
  /** The canonical JSON of `data` when the caller already has it (saves serialising twice). */
  dataJson?: string;
}

export interface StreamAppend {
  streamId: string;
  expected: ExpectedState;
  events: EventToAppend[];
}

export interface RecordedEvent {
  /** Global position in the store, strictly increasing with append order. */
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  contentHash: string;
  /** Hash of the previous event of the stream ('' for the first), then of this event: the tamper-evidence chain. */
  prevHash: string;
  hash: string;
  /** Running hash of the global sequence up to this event, where the engine keeps one (SQLite). */
  globalHash?: string;
}

export interface StoredEventRef {
  eventId: string;
  streamId: string;
  position: number;
  revision: number;
  contentHash: string;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the stream's last event after the append. */
  revision: number;
  /** Position of each appended event (undefined for an idempotent re-append of a stored identical event). */
  positions: (number | undefined)[];
}

/**
 * The system of record. Adapters: SQLite (embedded), KurrentDB (production). Every adapter runs
 * the shared conformance suite in `testing/event-store.conformance.ts`.
 */
export interface EventStore {
  readonly name: string;
  /**
   * Appends to one or more streams, all or nothing where the engine can (SQLite: one transaction).
   * Throws `WrongExpectedVersionError` or `EventIdConflictError` and then writes nothing.
   * Re-appending an event whose eventId is stored with the same content hash is a no-op.
   */
  append(batch: StreamAppend[]): Promise<AppendResult[]>;
  /** Stored events among `eventIds` (compared case-insensitively). */
  findByEventIds(eventIds: readonly string[]): Promise<Map<string, StoredEventRef>>;
  /** The stream's events in revision order; with `hashes: false` the hash fields may come back empty. */
  readStream(streamId: string, options?: { hashes?: boolean }): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event (-1: no such stream), without reading its events. */
  streamRevision(streamId: string): Promise<number>;
  /**
   * Catch-up read: up to `maxCount` events with position > `afterPosition`, in order. With
   * `hashes: false` the hash fields may come back empty (the projector does not need them).
   */
  readAll(afterPosition: number, maxCount: number, options?: { hashes?: boolean }): Promise<RecordedEvent[]>;
  /** Position of the last event (0 when empty). */
  headPosition(): Promise<number>;
  /** Resolves when an event with position > `afterPosition` may exist, or after `timeoutMs`. */
  waitForAppend(afterPosition: number, timeoutMs: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
