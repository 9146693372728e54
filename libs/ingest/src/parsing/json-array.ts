import { BodyParseError, TooManyEventsError } from './body-parse.error';

/** `application/json`: an array of events (a single object is accepted as an array of one). */
export function parseJsonArray(body: Buffer | unknown, maxEvents: number): unknown[] {
  let value: unknown = body;
  if (Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      throw new BodyParseError('body is not valid JSON', undefined, m ? Number(m[1]) : undefined);
    }
  }
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : undefined;
  if (!items) throw new BodyParseError('body must be a JSON array of events');
  if (items.length > maxEvents) throw new TooManyEventsError(maxEvents);
  return items;
}
