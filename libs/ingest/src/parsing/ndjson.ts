import { BodyParseError, TooManyEventsError } from './body-parse.error';
import { parseGuarded, utf8Text } from './json-guard';

/** One JSON value per line; blank lines are skipped. The whole body is parsed before anything is stored. */
export function parseNdjson(body: Buffer, maxEvents: number): unknown[] {
  const text = utf8Text(body);
  const items: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line += 1;
    if (!isBlank(text, start, end)) {
      if (items.length >= maxEvents) throw new TooManyEventsError(maxEvents);
      try {
        items.push(parseGuarded(text, { line }, start, end));
      } catch (err) {
        // The byte offset of the line, counted only when the body is refused.
        const e = err as BodyParseError;
        throw new BodyParseError(e.message, line, Buffer.byteLength(text.slice(0, start)), e.code);
      }
    }
    start = end + 1;
  }
  return items;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
