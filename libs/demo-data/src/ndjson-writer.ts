// NDJSON straight into bytes. Building each line as a JS string and encoding it afterwards cost
// more than generating the event (V8 keeps concatenations as ropes and flattens them later); here
// identifiers and timestamps are written digit by digit into a Buffer. Every value is a
// vocabulary term, a code or a generated identifier: ASCII, none needing a JSON escape. The output
// is byte-for-byte what JSON.stringify gives for the event object (the tests compare them).
import type { Profile } from '@trm/domain';
import { CLOSED, FEEDBACK, MEASURE, OPENED, RECEIVED, RETRACTED, SENT, type MeasureRecord } from './planned';
import { eventIdWords } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { floor, max } = Math;
const NativeDate = Date;
const { stringify } = JSON;

const DAY_MS = 86_400_000;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const HEX_DIGITS = ascii('0123456789abcdef');
const TYPE_NAMES = ['case.opened', 'measure.recorded', 'referral.sent', 'referral.received', 'referral.feedback', 'case.closed', 'event.retracted'];
const KIND_HEADS: readonly Uint8Array[] = TYPE_NAMES.map((t) => ascii(`","type":"${t}","schemaVersion":1,"country":"`));
const EVENT_ID = ascii('{"eventId":"');
const CASE_REF = ascii('","caseRef":"');
const OCCURRED_AT = ascii('","occurredAt":"');
const PROFILE = ascii('","profile":');
const REFERRAL_ID = ascii('","referralId":"');
const TO_COUNTRY = ascii('","toCountry":"');
const FROM_COUNTRY = ascii('","fromCountry":"');
const PURPOSE = ascii('","purpose":"');
const CONSENT = ascii('","consent":true}\n');
const OUTCOME = ascii('","outcome":"');
const REASON = ascii('","reason":"');
const RETRACTS = ascii('","retractsEventId":"');
const END_STRING = ascii('"}\n');

/** A growing byte buffer for one NDJSON chunk. */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** An ASCII string (codes, identifiers, vocabulary terms). */
  text(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** The bytes written so far, as a Buffer of their own. */
  take(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

const words = new Uint32Array(4);

function hex(sink: ByteSink, w: number, digits: number): void {
  const buf = sink.buf;
  let p = sink.pos + digits;
  sink.pos = p;
  for (let i = 0; i < digits; i++) {
    buf[--p] = HEX_DIGITS[w & 15];
    w >>>= 4;
  }
}

export function uuid(sink: ByteSink, seed: number, n: number): void {
  eventIdWords(seed, n, words);
  const buf = sink.buf;
  hex(sink, words[0], 8);
  buf[sink.pos++] = 45;
  hex(sink, words[1] >>> 16, 4);
  buf[sink.pos++] = 45;
  hex(sink, words[1] & 0xffff, 4);
  buf[sink.pos++] = 45;
  hex(sink, words[2] >>> 16, 4);
  buf[sink.pos++] = 45;
  hex(sink, words[2] & 0xffff, 4);
  hex(sink, words[3], 8);
}

// `YYYY-MM-DDT` per day, cached direct-mapped (the stream's events fall on a few hundred days).
const SLOTS = 1024;
const cachedDay = new Float64Array(SLOTS).fill(-1);
const cachedPrefix = new Uint8Array(SLOTS * 11);

function two(buf: Buffer, p: number, v: number): void {
  buf[p] = 48 + floor(v / 10);
  buf[p + 1] = 48 + (v % 10);
}

export function timestamp(sink: ByteSink, ms: number): void {
  const day = floor(ms / DAY_MS);
  const slot = day & (SLOTS - 1);
  if (cachedDay[slot] !== day) {
    cachedDay[slot] = day;
    const prefix = new NativeDate(day * DAY_MS).toISOString();
    for (let i = 0; i < 11; i++) cachedPrefix[slot * 11 + i] = prefix.charCodeAt(i);
  }
  const buf = sink.buf;
  let p = sink.pos;
  for (let i = 0; i < 11; i++) buf[p++] = cachedPrefix[slot * 11 + i];
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  two(buf, p, (rest - minute) / 60);
  buf[p + 2] = 58;
  two(buf, p + 3, minute);
  buf[p + 5] = 58;
  two(buf, p + 6, second);
  buf[p + 8] = 46;
  buf[p + 9] = 48 + floor(milli / 100);
  two(buf, p + 10, milli % 100);
  buf[p + 12] = 90;
  sink.pos = p + 13;
}

/** The fixed part shared by every event: eventId, type, schemaVersion, country, caseRef, occurredAt. */
export function writeHead(sink: ByteSink, seed: number, seq: number, kind: number, country: string, caseRef: string, at: number): void {
  sink.reserve(512);
  sink.bytes(EVENT_ID);
  uuid(sink, seed, seq);
  sink.bytes(KIND_HEADS[kind]);
  sink.text(country);
  sink.bytes(CASE_REF);
  sink.text(caseRef);
  sink.bytes(OCCURRED_AT);
  timestamp(sink, at);
}

/** The rest of the line after the head, for each kind of event (`p` as in EventPool). */
export function writeTail(sink: ByteSink, kind: number, p: unknown, seed: number, targetSeq: number): void {
  switch (kind) {
    case MEASURE:
      sink.buf[sink.pos++] = 34;
      sink.bytes((p as MeasureRecord).line);
      return;
    case OPENED: {
      const json = stringify(p as Profile);
      sink.reserve(json.length + 32);
      sink.bytes(PROFILE);
      sink.text(json);
      sink.buf[sink.pos++] = 125;
      sink.buf[sink.pos++] = 10;
      return;
    }
    case CLOSED:
      sink.bytes(REASON);
      sink.text(p as string);
      sink.bytes(END_STRING);
      return;
    case RETRACTED:
      sink.bytes(RETRACTS);
      uuid(sink, seed, targetSeq);
      sink.bytes(REASON);
      sink.text(p as string);
      sink.bytes(END_STRING);
      return;
    default:
      writeReferral(sink, kind, p as { referralId: string; toCountry?: string; fromCountry?: string; purpose?: string; outcome?: string });
  }
}

function writeReferral(sink: ByteSink, kind: number, r: { referralId: string; toCountry?: string; fromCountry?: string; purpose?: string; outcome?: string }): void {
  sink.bytes(REFERRAL_ID);
  sink.text(r.referralId);
  if (kind === SENT) {
    sink.bytes(TO_COUNTRY);
    sink.text(r.toCountry!);
    sink.bytes(PURPOSE);
    sink.text(r.purpose!);
    sink.bytes(CONSENT);
  } else if (kind === RECEIVED) {
    sink.bytes(FROM_COUNTRY);
    sink.text(r.fromCountry!);
    sink.bytes(END_STRING);
  } else if (kind === FEEDBACK) {
    sink.bytes(TO_COUNTRY);
    sink.text(r.toCountry!);
    sink.bytes(OUTCOME);
    sink.text(r.outcome!);
    sink.bytes(END_STRING);
  } else {
    throw new Error(`unknown event kind ${kind}`);
  }
}
