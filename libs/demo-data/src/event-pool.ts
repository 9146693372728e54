// Pending events packed into parallel arrays. Planned events wait from the moment their case opens
// until their report time — weeks or months of stream — and as separate objects they made every
// young-generation GC copy them (scavenges took a third of the run). Here they cost a few numbers
// and pointers to shared strings; the SubmittedEvent object is built only when the event is emitted.
import type {
  ClosureReason, MeasureStatus, Profile, RetractionReason, SubmittedEvent,
} from '@trm/domain';
import {
  CLOSED, FEEDBACK, MEASURE, OPENED, RECEIVED, RETRACTED, SENT, type FeedbackRecord, type MeasureRecord, type Payload,
  type Planned, type ReceivedRecord, type SentRecord,
} from './planned';
import { ByteSink, timestamp, uuid, writeHead, writeTail } from './ndjson-writer';

/** Buffer#latin1Slice (what toString('latin1') calls after checking its arguments), when present. */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }).latin1Slice;
const latin1 = (buf: Buffer, length: number): string =>
  latin1Slice ? latin1Slice.call(buf, 0, length) : buf.toString('latin1', 0, length);

export class EventPool {
  private capacity = 0;
  private at = new Float64Array(0);
  private seq = new Float64Array(0);
  private targetSeq = new Float64Array(0);
  private kind = new Uint8Array(0);
  private country: string[] = [];
  private caseRef: string[] = [];
  private payload: (Payload | null)[] = [];
  private free: number[] = [];

  constructor(private readonly seed: number) {
    this.grow(4096);
  }

  /** Stores a planned event; returns its slot. */
  add(p: Planned, country: string, caseRef: string): number {
    if (this.free.length === 0) this.grow(this.capacity * 2);
    const slot = this.free.pop()!;
    this.at[slot] = p.at;
    this.seq[slot] = p.seq;
    this.targetSeq[slot] = p.target ? p.target.seq : -1;
    this.kind[slot] = p.kind;
    this.country[slot] = country;
    this.caseRef[slot] = caseRef;
    this.payload[slot] = p.payload;
    return slot;
  }

  /** Builds the event of `slot` and frees the slot. */
  take(slot: number): SubmittedEvent {
    const eventId = this.uuidString(this.seq[slot]);
    const country = this.country[slot];
    const caseRef = this.caseRef[slot];
    const occurredAt = this.timeString(this.at[slot]);
    const payload = this.payload[slot];
    const kind = this.kind[slot];
    const targetSeq = this.targetSeq[slot];
    this.payload[slot] = null;
    this.free.push(slot);
    switch (kind) {
      case MEASURE: {
        const m = payload as MeasureRecord;
        return m.catalogueVersion === null
          ? { eventId, type: 'measure.recorded', schemaVersion: 1, country, caseRef, occurredAt, measure: m.measure, status: m.status as MeasureStatus, actor: m.actor }
          : { eventId, type: 'measure.recorded', schemaVersion: 1, country, caseRef, occurredAt, measure: m.measure, status: m.status as MeasureStatus, actor: m.actor, catalogueVersion: m.catalogueVersion };
      }
      case OPENED:
        return { eventId, type: 'case.opened', schemaVersion: 1, country, caseRef, occurredAt, profile: payload as Profile };
      case SENT: {
        const r = payload as SentRecord;
        return { eventId, type: 'referral.sent', schemaVersion: 1, country, caseRef, occurredAt, referralId: r.referralId, toCountry: r.toCountry, purpose: r.purpose, consent: true };
      }
      case RECEIVED: {
        const r = payload as ReceivedRecord;
        return { eventId, type: 'referral.received', schemaVersion: 1, country, caseRef, occurredAt, referralId: r.referralId, fromCountry: r.fromCountry };
      }
      case FEEDBACK: {
        const r = payload as FeedbackRecord;
        return { eventId, type: 'referral.feedback', schemaVersion: 1, country, caseRef, occurredAt, referralId: r.referralId, toCountry: r.toCountry, outcome: r.outcome };
      }
      case CLOSED:
        return { eventId, type: 'case.closed', schemaVersion: 1, country, caseRef, occurredAt, reason: payload as ClosureReason };
      case RETRACTED:
        return {
          eventId, type: 'event.retracted', schemaVersion: 1, country, caseRef, occurredAt,
          retractsEventId: this.uuidString(targetSeq), reason: payload as RetractionReason,
        };
      default:
        throw new Error(`unknown event kind ${kind}`);
    }
  }

  /** Writes the event of `slot` as one NDJSON line (what JSON.stringify(take(slot)) + newline gives) and frees the slot. */
  takeInto(slot: number, sink: ByteSink): void {
    writeHead(sink, this.seed, this.seq[slot], this.kind[slot], this.country[slot], this.caseRef[slot], this.at[slot]);
    writeTail(sink, this.kind[slot], this.payload[slot], this.seed, this.targetSeq[slot]);
    this.payload[slot] = null;
    this.free.push(slot);
  }

  // Identifiers and timestamps are written as bytes and decoded once: a flat string is one object,
  // where concatenating pieces leaves a rope of a dozen that every young-generation GC must copy
  // while a batch of events is held.
  private readonly scratch = new ByteSink(64);

  private uuidString(n: number): string {
    this.scratch.pos = 0;
    uuid(this.scratch, this.seed, n);
    return latin1(this.scratch.buf, 36);
  }

  private timeString(ms: number): string {
    this.scratch.pos = 0;
    timestamp(this.scratch, ms);
    return latin1(this.scratch.buf, 24);
  }

  private grow(capacity: number): void {
    const copy = <A extends Float64Array | Uint8Array>(old: A, make: (n: number) => A): A => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.at = copy(this.at, (n) => new Float64Array(n));
    this.seq = copy(this.seq, (n) => new Float64Array(n));
    this.targetSeq = copy(this.targetSeq, (n) => new Float64Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    for (let i = capacity - 1; i >= this.capacity; i--) {
      this.free.push(i);
      this.country.push('');
      this.caseRef.push('');
      this.payload.push(null);
    }
    this.capacity = capacity;
  }
}
