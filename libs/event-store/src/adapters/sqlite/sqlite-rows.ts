import type { EventMetadata } from '@trm/domain';
import type { ExpectedState, RecordedEvent } from '../../event-store.port';
import { WrongExpectedVersionError } from '../../errors';

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  recorded_at: string;
  submission_id: string;
  key_id: string;
  channel: EventMetadata['channel'];
  content_hash: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
  global_hash: Buffer;
}

export function rowToRecorded(r: EventRow): RecordedEvent {
  return {
    position: r.position,
    streamId: r.stream_id,
    revision: r.revision,
    eventId: r.event_id,
    type: r.type,
    data: JSON.parse(r.data),
    metadata: { recordedAt: r.recorded_at, submissionId: r.submission_id, keyId: r.key_id, channel: r.channel },
    contentHash: r.content_hash.toString('hex'),
    prevHash: r.prev_hash.toString('hex'),
    hash: r.hash.toString('hex'),
    globalHash: r.global_hash.toString('hex'),
  };
}

/** The columns of a read without hashes (the projector's), in the order rawToRecordedLight reads them. */
export const LIGHT_COLUMNS = 'position, stream_id, revision, event_id, type, data, recorded_at, submission_id, key_id, channel';

/**
 * Rows of LIGHT_COLUMNS read as arrays (better-sqlite3's `.raw()`: half the cost of a row object,
 * issue 18) → events without their hash fields. Consecutive events of one submission share one
 * metadata object (its four values are the same): one allocation per submission, not per event.
 * The events are read-only to their readers, as every RecordedEvent is.
 */
export function rawToRecordedLight(rows: readonly (readonly unknown[])[]): RecordedEvent[] {
  const out = new Array<RecordedEvent>(rows.length);
  let m: EventMetadata | undefined;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const recordedAt = r[6] as string;
    const submissionId = r[7] as string;
    const keyId = r[8] as string;
    const channel = r[9] as EventMetadata['channel'];
    if (m === undefined || m.recordedAt !== recordedAt || m.submissionId !== submissionId || m.keyId !== keyId || m.channel !== channel) {
      m = { recordedAt, submissionId, keyId, channel };
    }
    out[i] = {
      position: r[0] as number, streamId: r[1] as string, revision: r[2] as number, eventId: r[3] as string, type: r[4] as string,
      data: JSON.parse(r[5] as string) as Record<string, unknown>, metadata: m, contentHash: '', prevHash: '', hash: '',
    };
  }
  return out;
}

/** The same expected-state semantics as KurrentDB's `streamState`. */
export function checkExpected(streamId: string, expected: ExpectedState, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === -1) ||
    (expected === 'stream_exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
}
