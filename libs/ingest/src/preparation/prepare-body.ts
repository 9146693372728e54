import { createHash } from 'node:crypto';
import { parseBody } from '../parsing/parse-body';
import type { EventPreparer, Prepared, PreparingKey } from './event-preparer';

/** One submitted body, as a preparation thread receives it. */
export interface BodyToPrepare {
  /** A supported content type (the caller answers 415 for others). */
  contentType: string;
  body: Buffer;
  key: PreparingKey;
  /** Receipt time (ms since the epoch): the `occurredAt` future check. */
  receivedAt: number;
  maxEvents: number;
  /** Hash the body's bytes too (an Idempotency-Key came with it). */
  hashBody: boolean;
}

/**
 * Parse (with the guards of libs/ingest/src/parsing), then prepare every event. Throws what
 * parsing throws (BodyParseError, TooManyEventsError) for a body refused as a whole.
 */
export function prepareBody(req: BodyToPrepare, preparer: EventPreparer): { prepared: Prepared[]; bodySha256?: string } {
  const bodySha256 = req.hashBody ? createHash('sha256').update(req.body).digest('hex') : undefined;
  const items = parseBody(req.contentType, req.body, req.maxEvents);
  if (!items) throw new Error('unsupported content type reached preparation');
  const receivedAt = new Date(req.receivedAt);
  const prepared = items.map((item, index) => preparer.prepare(item, index, req.key, receivedAt));
  return { prepared, bodySha256 };
}
