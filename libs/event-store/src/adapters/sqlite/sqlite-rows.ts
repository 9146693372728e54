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

/** Without the hash columns: the projector's read. */
export function rowToRecordedLight(r: EventRow): RecordedEvent {
  return {
    position: r.position, streamId: r.stream_id, revision: r.revision, eventId: r.event_id, type: r.type,
    data: JSON.parse(r.data),
    metadata: { recordedAt: r.recorded_at, submissionId: r.submission_id, keyId: r.key_id, channel: r.channel },
    contentHash: '', prevHash: '', hash: '',
  };
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
