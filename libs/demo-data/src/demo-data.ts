// Public API of the synthetic demo data set: a deterministic, streaming generator of plausible
// multi-country TRM histories for the dashboards' first start and for benchmarks.
import type { SubmittedEvent } from '@trm/domain';
import { DEMO_DESTINATION_COUNTRIES, DEMO_ORIGIN_COUNTRIES } from './country-profiles';
import { DemoEngine, type DemoOptions } from './demo-engine';
import { ByteSink } from './ndjson-writer';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { isInteger } = Number;
const NativeDate = Date;

export { DEMO_DEFAULT_SEED, type DemoOptions } from './demo-engine';

/** Shown wherever the demo data set is loaded or displayed. */
export const DEMO_LABEL = 'SYNTHETIC DEMO DATA — not real cases';

/** The reporting countries of the demo data set: SEE countries of origin, then EU destinations. */
export const DEMO_COUNTRIES: string[] = [...DEMO_ORIGIN_COUNTRIES, ...DEMO_DESTINATION_COUNTRIES];

/** The most events a batch of `generateDemoBatches` holds. */
export const DEMO_MAX_BATCH = 5_000;

/**
 * The demo events in submission order: each case's case.opened first, a retraction after the event
 * it names, no event after its case's closure (retractions excepted), every occurredAt ≤ `end`.
 * Events reported late (days or weeks after they happened) come correspondingly later in the stream.
 */
export function* generateDemoEvents(opts: DemoOptions): Generator<SubmittedEvent> {
  const engine = new DemoEngine(opts);
  for (let ev = engine.next(); ev !== undefined; ev = engine.next()) yield ev;
}

/** An event with the instant its national system would have submitted it (never after `end`). */
export interface TimedDemoEvent {
  event: SubmittedEvent;
  reportedAt: Date;
}

/**
 * The same stream with each event's simulated submission time — for loaders that can set the
 * knowledge time (e.g. seeding a store directly) so reporting-lag and "as of" views show history.
 */
export function* generateDemoTimeline(opts: DemoOptions): Generator<TimedDemoEvent> {
  const engine = new DemoEngine(opts);
  for (let ev = engine.next(); ev !== undefined; ev = engine.next()) yield { event: ev, reportedAt: new NativeDate(engine.reportedAt) };
}

/**
 * The timeline cut into periodic submissions, as a national system would send them: every
 * `everyDays` days of reporting, the events reported since, recorded at the time the last of them
 * was reported (`at`, ms). Tests replay a history through the ingest pipeline with it.
 */
export function* generateDemoSubmissions(opts: DemoOptions & { everyDays: number }): Generator<{ events: SubmittedEvent[]; at: number }> {
  let events: SubmittedEvent[] = [];
  let at = 0;
  let start = 0;
  for (const { event, reportedAt } of generateDemoTimeline(opts)) {
    if (reportedAt.getTime() - start > opts.everyDays * 86_400_000) {
      if (events.length) yield { events, at };
      events = [];
      start = reportedAt.getTime();
    }
    at = reportedAt.getTime();
    events.push(event);
  }
  if (events.length) yield { events, at };
}

/**
 * The stream cut into submissions of at most `batchSize` (≤ DEMO_MAX_BATCH) events. Order is kept, so a
 * case's case.opened is in the same or an earlier batch than every other event of that case.
 */
export function* generateDemoBatches(opts: DemoOptions & { batchSize?: number }): Generator<SubmittedEvent[]> {
  const size = opts.batchSize ?? DEMO_MAX_BATCH;
  if (!isInteger(size) || size < 1 || size > DEMO_MAX_BATCH) {
    throw new RangeError(`batchSize must be an integer from 1 to ${DEMO_MAX_BATCH}`);
  }
  const engine = new DemoEngine(opts);
  let batch: SubmittedEvent[] = [];
  for (let ev = engine.next(); ev !== undefined; ev = engine.next()) {
    batch.push(ev);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The stream as NDJSON (`application/x-ndjson`) buffers of `eventsPerChunk` lines each (the last may be shorter). */
export function* demoNdjsonChunks(opts: DemoOptions, eventsPerChunk: number): Generator<Buffer> {
  if (!isInteger(eventsPerChunk) || eventsPerChunk < 1) throw new RangeError('eventsPerChunk must be a positive integer');
  const engine = new DemoEngine(opts);
  for (;;) {
    const sink = new ByteSink(eventsPerChunk * 300 + 1024);
    let n = 0;
    while (n < eventsPerChunk && engine.nextInto(sink)) n++;
    if (n > 0) yield sink.take();
    if (n < eventsPerChunk) return;
  }
}
