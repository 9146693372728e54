import { BodyParseError, TooManyEventsError } from './body-parse.error';
import { parseGuarded, utf8Text } from './json-guard';

/** `application/json`: an array of events (a single object is accepted as an array of one). */
export function parseJsonArray(body: Buffer, maxEvents: number): unknown[] {
  if (body.length === 0) throw new BodyParseError('body is empty: send a JSON array of events');
  const value = parseGuarded(utf8Text(body), {});
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : undefined;
  if (!items) throw new BodyParseError('body must be a JSON array of events');
  if (items.length > maxEvents) throw new TooManyEventsError(maxEvents);
  return items;
}
