import type { EventError, StoredEventData } from '@trm/domain';
import { isPreparedEventId } from './event-preparer';
import type { Prepared } from './event-preparer';

/**
 * A submission whose events were already validated, pseudonymised, canonicalised and hashed (by
 * the preparation pool): what RecordEventsCommand carries instead of raw items, ready for
 * decide-and-append.
 */
export class PreparedEvents {
  constructor(readonly events: readonly Prepared[]) {}

  get length(): number {
    return this.events.length;
  }
}

/**
 * The form a preparation thread answers in. Structured-cloning 10k stored-event objects cost the
 * receiving thread ~3–4 µs an event; their canonical JSON strings cost ~0.2 µs and parsing them
 * again ~2 µs (.tmp measurement, issue 18): the strings cross, and are the stored bytes as well.
 */
export interface WirePreparedEvents {
  received: number;
  /** Submission index of each prepared event, with its canonical JSON and content hash. */
  index: number[];
  json: string[];
  hash: string[];
  /** [position in `index`, submitted occurredAt, submitted referralId?] where those differ from the stored form. */
  legacy: [number, string, string?][];
  rejected: { index: number; eventId?: string; errors: EventError[] }[];
}

export function toWire(prepared: readonly Prepared[]): WirePreparedEvents {
  const wire: WirePreparedEvents = { received: prepared.length, index: [], json: [], hash: [], legacy: [], rejected: [] };
  for (const p of prepared) {
    if (!p.stored) {
      wire.rejected.push({ index: p.index, ...(p.eventId ? { eventId: p.eventId } : {}), errors: p.outcome?.kind === 'rejected' ? p.outcome.errors : [] });
      continue;
    }
    const at = wire.index.length;
    wire.index.push(p.index);
    wire.json.push(p.json!);
    wire.hash.push(p.hash!);
    const l = p.legacy;
    if (l && ('referralId' in l || l.occurredAt !== p.stored.occurredAt)) {
      wire.legacy.push('referralId' in l ? [at, l.occurredAt, l.referralId] : [at, l.occurredAt]);
    }
  }
  return wire;
}

/** The prepared events again, on the thread that appends them (the stored data parsed back from its canonical JSON). */
export function fromWire(wire: WirePreparedEvents): PreparedEvents {
  const events: Prepared[] = new Array(wire.received);
  for (const r of wire.rejected) {
    events[r.index] = { index: r.index, ...(r.eventId ? { eventId: r.eventId } : {}), outcome: { kind: 'rejected', errors: r.errors } };
  }
  const legacy = new Map(wire.legacy.map(([at, occurredAt, referralId]) => [at, referralId === undefined ? { occurredAt } : { occurredAt, referralId }]));
  for (let at = 0; at < wire.index.length; at++) {
    const index = wire.index[at];
    const json = wire.json[at];
    const stored = JSON.parse(json) as StoredEventData;
    events[index] = {
      index,
      eventId: isPreparedEventId(stored.eventId) ? stored.eventId : undefined,
      stored,
      json,
      hash: wire.hash[at],
      legacy: legacy.get(at), // none: submitted as stored
    };
  }
  return new PreparedEvents(events);
}
