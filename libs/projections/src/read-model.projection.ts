import { isChild, isForeign, isOrigin } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';
import { measureSop } from './catalogue-rules';
import { CASE_DIMS, columnsOf, REMOVED_EVENTS, SIGNED_VIEWS } from './view-rows';

/** The read-model tables this projection writes (migrations/clickhouse/0001_event_read_models.sql). */
export const READ_MODEL_TABLES = [
  'events_v1', 'cases_v1', 'measure_records_v1', 'referrals_v1', 'closures_v1', 'retractions_v1',
  'case_view_v1', 'measure_view_v1', 'deadline_view_v1', 'removed_events_v1',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/**
 * One table's rows of a batch as UTF-8 bytes, written line by line into a growing buffer outside
 * the JS heap. Each line's text is garbage as soon as it is written (measured: accumulating the
 * text of a 50k-event batch as strings kept it alive across collections, and the fold spent a
 * third of its time in GC), and the bytes go to the warehouse, or to another thread, as they are.
 */
export class RowBuffer {
  private buf = Buffer.allocUnsafeSlow(1 << 16);
  private used = 0;

  /** Appends one line (its text, with its newline). */
  push(line: string): void {
    if (this.used + line.length * 3 > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + line.length * 3));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.used += this.buf.write(line, this.used);
  }

  /** The bytes written (a view of the buffer, whose ArrayBuffer no other writer shares). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }
}

/**
 * Rows per table as JSONCompactEachRow lines: one JSON array per line, its values in the order of
 * TABLE_COLUMNS (half the bytes of JSONEachRow, and about a third cheaper for chDB to insert: no
 * key to match per field). DateTime64 values are RFC 3339 text (inserted with best_effort parsing).
 */
export type ReadModelBatch = Record<ReadModelTable, RowBuffer>;
/** A batch's rows per table, as UTF-8 bytes. */
export type ReadModelPayloads = Record<ReadModelTable, Uint8Array>;

/** A case's attributes as events_v1 and referrals_v1 carry them (view-rows.ts writes their values). */
const CASE_DIM_COLUMNS = columnsOf(CASE_DIMS);
const EVENT_COLUMNS = ['position', 'event_id', 'case_id', 'country', 'occurred_at', 'recorded_at'];

/** The columns of each table, in the order its rows' values are written. */
export const TABLE_COLUMNS: Record<ReadModelTable, readonly string[]> = {
  // rk: the event's record key (record-key.ts, migration 0009)
  events_v1: [...EVENT_COLUMNS, 'type', 'submission_id', 'key_id', 'channel', ...CASE_DIM_COLUMNS, 'rk'],
  cases_v1: [
    'position', 'event_id', 'case_id', 'country', 'opened_at', 'recorded_at', 'age_band', 'sex', 'citizenship', 'exploitation',
    'country_role', 'presumed_minor', 'is_child', 'is_foreign', 'is_origin',
  ],
  measure_records_v1: [...EVENT_COLUMNS, 'measure', 'sop', 'status', 'actor', 'catalogue_version'],
  referrals_v1: [...EVENT_COLUMNS, 'kind', 'referral_id', 'counterpart', 'purpose', 'outcome', ...CASE_DIM_COLUMNS, 'rk'],
  closures_v1: [...EVENT_COLUMNS, 'reason'],
  retractions_v1: [...EVENT_COLUMNS, 'retracts_event_id', 'reason'],
  // The tables the case fold writes: their columns are those of their row encodings (view-rows.ts).
  case_view_v1: SIGNED_VIEWS.case_view_v1.columns,
  measure_view_v1: SIGNED_VIEWS.measure_view_v1.columns,
  deadline_view_v1: SIGNED_VIEWS.deadline_view_v1.columns,
  removed_events_v1: columnsOf(REMOVED_EVENTS),
};

export function emptyBatch(): ReadModelBatch {
  return Object.fromEntries(READ_MODEL_TABLES.map((t) => [t, new RowBuffer()])) as ReadModelBatch;
}

/** The bytes of each table's rows. */
export function batchPayloads(batch: ReadModelBatch): ReadModelPayloads {
  return Object.fromEntries(READ_MODEL_TABLES.map((t) => [t, batch[t].bytes()])) as ReadModelPayloads;
}

const q = JSON.stringify;

/**
 * Pure mapping of one stored event to its per-event warehouse rows, written straight as
 * JSONCompactEachRow lines in TABLE_COLUMNS order (the projector's hot path: no intermediate row
 * objects). `caseDims` is the JSON text of its case's attributes (`,"IT","female",…`, see
 * NO_CASE_DIMS), which events_v1 and referrals_v1 carry. Deterministic in the events alone, so a
 * replay from the event store produces identical rows. `rk` is the event's record key, which
 * events_v1 and referrals_v1 carry last (for a referral.sent, the referral's key).
 */
export function projectEvent(e: RecordedEvent, into: ReadModelBatch, caseDims: string, rk: number): void {
  const d = e.data as unknown as StoredEventData;
  const common = `${e.position},${q(e.eventId)},${q(d.caseId)},${q(d.country)},${q(d.occurredAt)},${q(e.metadata.recordedAt)}`;
  into.events_v1.push(`[${common},${q(d.type)},${q(e.metadata.submissionId)},${q(e.metadata.keyId)},${q(e.metadata.channel)}${caseDims},${rk}]\n`);
  switch (d.type) {
    case 'case.opened': {
      const p = d.profile;
      into.cases_v1.push(`[${common},${q(p.ageBand)},${q(p.sex)},${q(p.citizenship)},${q(p.exploitation)},${q(p.countryRole)},${p.presumedMinor === true},${isChild(p)},${isForeign(p, d.country)},${isOrigin(p)}]\n`);
      break;
    }
    case 'measure.recorded':
      into.measure_records_v1.push(`[${common},${q(d.measure)},${measureSop(d)},${q(d.status)},${q(d.actor)},${q(d.catalogueVersion ?? '')}]\n`);
      break;
    case 'referral.sent':
      into.referrals_v1.push(`[${common},"sent",${q(d.referralId)},${q(d.toCountry)},${q(d.purpose)},""${caseDims},${rk}]\n`);
      break;
    case 'referral.received':
      into.referrals_v1.push(`[${common},"received",${q(d.referralId)},${q(d.fromCountry)},"",""${caseDims},${rk}]\n`);
      break;
    case 'referral.feedback':
      into.referrals_v1.push(`[${common},"feedback",${q(d.referralId)},${q(d.toCountry)},"",${q(d.outcome)}${caseDims},${rk}]\n`);
      break;
    case 'case.closed':
      into.closures_v1.push(`[${common},${q(d.reason)}]\n`);
      break;
    case 'event.retracted':
      into.retractions_v1.push(`[${common},${q(d.retractsEventId.toLowerCase())},${q(d.reason)}]\n`);
      break;
  }
}
