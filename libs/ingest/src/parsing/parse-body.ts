import { BodyParseError } from './body-parse.error';
import { parseCsv } from './csv';
import { parseJsonArray } from './json-array';
import { parseNdjson } from './ndjson';

export const SUPPORTED_CONTENT_TYPES = ['application/x-ndjson', 'application/json', 'text/csv'] as const;

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Returns undefined for an unsupported content type (answered 415). */
export function parseBody(contentType: string | undefined, body: unknown, maxEvents: number): unknown[] | undefined {
  const type = mediaType(contentType);
  if (!(SUPPORTED_CONTENT_TYPES as readonly string[]).includes(type)) return undefined;
  if (!Buffer.isBuffer(body)) throw new BodyParseError('body is empty');
  switch (type) {
    case 'application/x-ndjson':
      return parseNdjson(body as Buffer, maxEvents);
    case 'application/json':
      return parseJsonArray(body as Buffer, maxEvents);
    case 'text/csv':
      return parseCsv(body as Buffer, maxEvents);
    default:
      return undefined;
  }
}
