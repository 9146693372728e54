import { createHash } from 'node:crypto';
import {
  ErrorType, NO_STREAM, WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type {
  CurrentStreamState, KurrentDBClient, Position, RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata } from '@trm/domain';
import type { ExpectedState, RecordedEvent } from '../../event-store.port';
import { WrongExpectedVersionError } from '../../errors';

/** The part of the KurrentDB client this adapter uses (a test can hand in a double). */
export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

/** What each case event carries as KurrentDB metadata: ours, plus its place in the stream's hash chain. */
export interface StoredMetadata extends EventMetadata {
  /** The eventId as submitted (lowercased); the KurrentDB event id is the same UUID (see `kurrentEventId`). */
  eventId: string;
  contentHash: string;
  prevHash: string;
  hash: string;
}

/**
 * Whether a stream whose last revision is `actual` (-1: no stream) satisfies `expected`, with
 * KurrentDB's `streamState` semantics. The adapter checks the caller's state against the head it
 * read and then appends pinned to that exact revision (the hash chain was built on it), which is
 * at least as strict as passing the caller's state through.
 */
export function expectationHolds(expected: ExpectedState, actual: number): boolean {
  return expected === 'any'
    || (expected === 'no_stream' && actual === -1)
    || (expected === 'stream_exists' && actual >= 0)
    || expected === actual;
}

/** Revision of a stream's last event as KurrentDB reports it; -1 when the stream does not exist. */
export function revisionOf(state: CurrentStreamState | undefined): number {
  if (state === undefined || state === NO_STREAM) return -1;
  return state < 0n ? -1 : Number(state);
}

export function isKurrentWrongExpectedVersion(err: unknown): err is KurrentWrongExpectedVersionError {
  return err instanceof KurrentWrongExpectedVersionError
    || (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION);
}

/** KurrentDB's wrong-expected-version becomes ours (with the actual revision); anything else passes through. */
export function translateAppendError(err: unknown, streamId: string, expected: ExpectedState): unknown {
  if (!isKurrentWrongExpectedVersion(err)) return err;
  return new WrongExpectedVersionError(streamId, expected, revisionOf(err.actualState));
}

export function isStreamNotFound(err: unknown): boolean {
  return (err as { type?: unknown } | null)?.type === ErrorType.STREAM_NOT_FOUND;
}

/** Errors after which a retry, not a different read, is the answer (the server was not reached or refused us). */
export function isTransient(err: unknown): boolean {
  const type = (err as { type?: unknown } | null)?.type;
  return type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.TIMEOUT
    || type === ErrorType.NOT_LEADER || type === ErrorType.CANCELLED || type === ErrorType.ACCESS_DENIED;
}

/**
 * Our global position is KurrentDB's commit position: a byte offset in its transaction log,
 * strictly increasing per event when no explicit transactions are used (the gRPC API has none).
 * A JS number holds it exactly below 2^53 bytes (8 PiB), far beyond any single KurrentDB log;
 * past that we fail loudly rather than round.
 */
export function positionNumber(position: Position | undefined, what: string): number {
  if (!position || position.commit < 0n) {
    throw new Error(`KurrentDB returned no log position for ${what} (stream reads carry it from server 22.6 on)`);
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`KurrentDB log position ${position.commit} of ${what} is beyond 2^53: not representable as a position`);
  }
  return Number(position.commit);
}

/** The log position of an event we returned earlier (commit = prepare outside explicit transactions). */
export function kurrentPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * KurrentDB event ids are UUIDs, and so are ours (CONTRACT.md §1): the same id makes KurrentDB's own
 * idempotent-write check apply too. Any other id maps to a stable name-based UUID.
 */
export function kurrentEventId(eventId: string): string {
  const id = eventId.toLowerCase();
  if (UUID.test(id)) return id;
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function isStoredMetadata(m: unknown): m is StoredMetadata {
  const s = m as Partial<StoredMetadata> | null;
  return typeof s === 'object' && s !== null && typeof s.hash === 'string' && typeof s.prevHash === 'string'
    && typeof s.contentHash === 'string';
}

/** A KurrentDB event of a case stream as our RecordedEvent (`streamId` without the adapter's namespace). */
export function toRecorded(e: KurrentRecordedEvent, streamId: string): RecordedEvent {
  const m = e.metadata;
  if (!isStoredMetadata(m)) {
    throw new Error(`event ${e.revision} of ${e.streamId} was not written by this adapter (no hash-chain metadata)`);
  }
  return {
    position: positionNumber(e.position, `event ${e.revision} of ${e.streamId}`),
    streamId,
    revision: Number(e.revision),
    eventId: (m.eventId ?? e.id).toLowerCase(),
    type: e.type,
    data: e.data as Record<string, unknown>,
    metadata: { recordedAt: m.recordedAt, submissionId: m.submissionId, keyId: m.keyId, channel: m.channel },
    contentHash: m.contentHash,
    prevHash: m.prevHash,
    hash: m.hash,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; waits for all, then rethrows the first failure. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let failure: { error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
