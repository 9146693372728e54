import { hash } from 'node:crypto';

/** Value of a lower-case hex digit, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

/**
 * 52-bit integer index key of an event id. For a UUID the leading hex digits are used as they
 * are (the first 8, the next 4 and one more: `^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f])`), so
 * time-ordered ids (UUIDv7) keep their index locality; anything else is hashed. Read with char
 * codes rather than a regular expression and string concatenation: it runs for every event.
 */
export function eventKey(eventId: string): number {
  if (eventId.length >= 15 && eventId.charCodeAt(8) === 45 && eventId.charCodeAt(13) === 45) {
    let key = 0;
    for (let i = 0; i < 15; i++) {
      if (i === 8 || i === 13) continue;
      const d = hexDigit(eventId.charCodeAt(i));
      if (d < 0) return streamKey(eventId);
      key = key * 16 + d;
    }
    return key;
  }
  return streamKey(eventId);
}

/**
 * 52-bit integer index key of a stream id (safe in a JS number and a SQLite INTEGER): the first 13
 * hex digits of its SHA-1. The one-shot `crypto.hash` measured ~1.8× faster than createHash; a
 * Buffer digest read as bytes was slower than the hex (a fresh, unpooled allocation).
 */
export function streamKey(streamId: string): number {
  return parseInt(hash('sha1', streamId, 'hex').slice(0, 13), 16);
}
