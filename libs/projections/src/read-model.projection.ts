import { isChild, isForeign, isOrigin } from '@trm/domain';
import type { EventOfType, StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';
import { measureSop } from './catalogue-rules';
import { columnsOf, rowWriter, typesOf, writeValues } from './row-writer';
import type { ColumnType, Fragment, RowEncoding, RowFormat, RowWriter } from './row-writer';
import { CASE_DIMS, REMOVED_EVENTS, SIGNED_VIEWS } from './view-rows';

/** The read-model tables this projection writes (migrations/clickhouse/0001_event_read_models.sql). */
export const READ_MODEL_TABLES = [
  'events_v1', 'cases_v1', 'measure_records_v1', 'referrals_v1', 'closures_v1', 'retractions_v1',
  'case_view_v1', 'measure_view_v1', 'deadline_view_v1', 'removed_events_v1',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/**
 * A batch's rows per table, each table's written value by value into a growing buffer outside the
 * JS heap (row-writer.ts), in RowBinary (or JSONCompactEachRow) with the values in TABLE_COLUMNS
 * order. The bytes go to the warehouse, or to another thread, as they are.
 */
export type ReadModelBatch = Record<ReadModelTable, RowWriter>;
/** A batch's rows per table, as bytes in the batch's format. */
export type ReadModelPayloads = Record<ReadModelTable, Uint8Array>;

/** One stored event as its per-event rows read it. */
export interface EventRow<D extends StoredEventData = StoredEventData> {
  e: RecordedEvent;
  d: D;
  /** Its case's CASE_DIMS (fragment() in the batch's format), which events_v1 and referrals_v1 carry. */
  dims: Fragment;
  /** The event's record key (record-key.ts, migration 0009); for a referral.sent, the referral's. */
  rk: number;
}

type Row<T extends StoredEventData['type']> = EventRow<EventOfType<T>>;
const STR: ColumnType = 'String';
const LC: ColumnType = 'LowCardinality(String)';
const TIME: ColumnType = "DateTime64(3, 'UTC')";
const BOOL: ColumnType = 'Bool';

/** The columns every per-event table starts with (cases_v1 names the event's time `opened_at`). */
const eventHead = (timeColumn = 'occurred_at'): RowEncoding<EventRow> => [
  ['position', 'UInt64', (r) => r.e.position],
  ['event_id', STR, (r) => r.e.eventId],
  ['case_id', STR, (r) => r.d.caseId],
  ['country', LC, (r) => r.d.country],
  [timeColumn, TIME, (r) => r.d.occurredAt],
  ['recorded_at', TIME, (r) => r.e.metadata.recordedAt],
];
const EVENT_HEAD = eventHead();

/** The record key, after the case dims on events_v1 and referrals_v1. */
const RK: RowEncoding<EventRow> = [['rk', 'UInt32', (r) => r.rk]];

/**
 * A per-event table's row: `head` columns, then (on events_v1 and referrals_v1) the case dims and
 * the record key. The columns and their types are the encodings', so a value cannot land under
 * another column.
 */
class EventTable<R extends EventRow> {
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];

  constructor(private readonly head: RowEncoding<R>, private readonly dims: boolean) {
    const all = (dims ? [...head, ...CASE_DIMS, ...RK] : head) as RowEncoding<never>;
    this.columns = columnsOf(all);
    this.types = typesOf(all);
  }

  write(w: RowWriter, row: R): void {
    w.begin();
    writeValues(w, this.head, row);
    if (this.dims) {
      w.append(row.dims);
      writeValues(w, RK as RowEncoding<R>, row);
    }
    w.end();
  }
}

const ev = <T extends StoredEventData['type']>(encoding: RowEncoding<Row<T>>): RowEncoding<Row<T>> => encoding;

const EVENTS = new EventTable<EventRow>([
  ...EVENT_HEAD,
  ['type', LC, (r) => r.d.type],
  ['submission_id', STR, (r) => r.e.metadata.submissionId],
  ['key_id', LC, (r) => r.e.metadata.keyId],
  ['channel', LC, (r) => r.e.metadata.channel],
], true);

const CASES = new EventTable(ev<'case.opened'>([
  ...eventHead('opened_at'),
  ['age_band', LC, (r) => r.d.profile.ageBand],
  ['sex', LC, (r) => r.d.profile.sex],
  ['citizenship', LC, (r) => r.d.profile.citizenship],
  ['exploitation', 'Array(LowCardinality(String))', (r) => r.d.profile.exploitation],
  ['country_role', LC, (r) => r.d.profile.countryRole],
  ['presumed_minor', BOOL, (r) => r.d.profile.presumedMinor === true],
  ['is_child', BOOL, (r) => isChild(r.d.profile)],
  ['is_foreign', BOOL, (r) => isForeign(r.d.profile, r.d.country)],
  ['is_origin', BOOL, (r) => isOrigin(r.d.profile)],
]), false);

const MEASURE_RECORDS = new EventTable(ev<'measure.recorded'>([
  ...EVENT_HEAD,
  ['measure', LC, (r) => r.d.measure],
  ['sop', 'UInt8', (r) => measureSop(r.d)],
  ['status', LC, (r) => r.d.status],
  ['actor', LC, (r) => r.d.actor],
  ['catalogue_version', LC, (r) => r.d.catalogueVersion ?? ''],
]), false);

/** referrals_v1: sent (counterpart: toCountry), received (fromCountry), feedback (toCountry). */
type Referral = Row<'referral.sent'> | Row<'referral.received'> | Row<'referral.feedback'>;
const REFERRAL_KIND = { 'referral.sent': 'sent', 'referral.received': 'received', 'referral.feedback': 'feedback' } as const;
const REFERRALS = new EventTable<Referral>([
  ...EVENT_HEAD,
  ['kind', LC, (r) => REFERRAL_KIND[r.d.type]],
  ['referral_id', STR, (r) => r.d.referralId],
  ['counterpart', LC, (r) => (r.d.type === 'referral.received' ? r.d.fromCountry : r.d.toCountry)],
  ['purpose', LC, (r) => (r.d.type === 'referral.sent' ? r.d.purpose : '')],
  ['outcome', LC, (r) => (r.d.type === 'referral.feedback' ? r.d.outcome : '')],
], true);

const CLOSURES = new EventTable(ev<'case.closed'>([...EVENT_HEAD, ['reason', LC, (r) => r.d.reason]]), false);

const RETRACTIONS = new EventTable(ev<'event.retracted'>([
  ...EVENT_HEAD,
  ['retracts_event_id', STR, (r) => r.d.retractsEventId.toLowerCase()],
  ['reason', LC, (r) => r.d.reason],
]), false);

/** The columns of each table and their types (as the migrations declare them), in the order its rows' values are written. */
export const TABLE_SCHEMAS: Record<ReadModelTable, { columns: readonly string[]; types: readonly ColumnType[] }> = {
  events_v1: EVENTS,
  cases_v1: CASES,
  measure_records_v1: MEASURE_RECORDS,
  referrals_v1: REFERRALS,
  closures_v1: CLOSURES,
  retractions_v1: RETRACTIONS,
  // The tables the case fold writes: their columns are those of their row encodings (view-rows.ts).
  case_view_v1: SIGNED_VIEWS.case_view_v1,
  measure_view_v1: SIGNED_VIEWS.measure_view_v1,
  deadline_view_v1: SIGNED_VIEWS.deadline_view_v1,
  removed_events_v1: { columns: columnsOf(REMOVED_EVENTS), types: typesOf(REMOVED_EVENTS) },
};

/** The columns of each table, in the order its rows' values are written. */
export const TABLE_COLUMNS = Object.fromEntries(READ_MODEL_TABLES.map((t) => [t, TABLE_SCHEMAS[t].columns])) as Record<ReadModelTable, readonly string[]>;

export function emptyBatch(format: RowFormat = 'RowBinary'): ReadModelBatch {
  return Object.fromEntries(READ_MODEL_TABLES.map((t) => [t, rowWriter(format)])) as ReadModelBatch;
}

/** The bytes of each table's rows. */
export function batchPayloads(batch: ReadModelBatch): ReadModelPayloads {
  return Object.fromEntries(READ_MODEL_TABLES.map((t) => [t, batch[t].bytes()])) as ReadModelPayloads;
}

/**
 * Pure mapping of one stored event to its per-event warehouse rows, written straight into the
 * batch's writers (the projector's hot path: one row object per event, no text). `dims` is its
 * case's CASE_DIMS fragment (noCaseDims() for a case the fold does not know), which events_v1 and
 * referrals_v1 carry. Deterministic in the events alone, so a replay from the event store produces
 * identical rows. `rk` is the event's record key (for a referral.sent, the referral's).
 */
export function projectEvent(e: RecordedEvent, into: ReadModelBatch, dims: Fragment, rk: number): void {
  const row: EventRow = { e, d: e.data as unknown as StoredEventData, dims, rk };
  EVENTS.write(into.events_v1, row);
  switch (row.d.type) {
    case 'case.opened':
      return CASES.write(into.cases_v1, row as Row<'case.opened'>);
    case 'measure.recorded':
      return MEASURE_RECORDS.write(into.measure_records_v1, row as Row<'measure.recorded'>);
    case 'referral.sent':
    case 'referral.received':
    case 'referral.feedback':
      return REFERRALS.write(into.referrals_v1, row as Referral);
    case 'case.closed':
      return CLOSURES.write(into.closures_v1, row as Row<'case.closed'>);
    case 'event.retracted':
      return RETRACTIONS.write(into.retractions_v1, row as Row<'event.retracted'>);
  }
}
