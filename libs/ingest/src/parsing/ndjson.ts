import { BodyParseError, TooManyEventsError } from './body-parse.error';

/** One JSON value per line; blank lines are skipped. The whole body is parsed before anything is stored. */
export function parseNdjson(body: Buffer, maxEvents: number): unknown[] {
  const text = body.toString('utf8');
  const items: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line += 1;
    const raw = text.slice(start, end);
    if (raw.trim().length > 0) {
      if (items.length >= maxEvents) throw new TooManyEventsError(maxEvents);
      try {
        items.push(JSON.parse(raw));
      } catch {
        throw new BodyParseError(`line ${line} is not valid JSON`, line, Buffer.byteLength(text.slice(0, start)));
      }
    }
    start = end + 1;
  }
  return items;
}
