import { createHash } from 'node:crypto';

const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f])/;

/**
 * 52-bit integer index key of an event id. For a UUID the leading hex digits are used as they
 * are, so time-ordered ids (UUIDv7) keep their index locality; anything else is hashed.
 */
export function eventKey(eventId: string): number {
  const m = UUID.exec(eventId);
  if (m) return parseInt(m[1] + m[2] + m[3], 16);
  return streamKey(eventId);
}

/** 52-bit integer index key of a stream id (safe in a JS number and a SQLite INTEGER). */
export function streamKey(streamId: string): number {
  return parseInt(createHash('sha1').update(streamId).digest('hex').slice(0, 13), 16);
}
