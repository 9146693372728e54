import type { CaseRowFacts, DeadlineFacts, OpenedCase, PairFacts } from './case-facts';
import { columnsOf, fragment, writeValues } from './row-writer';
import type { ColumnType, Fragment, RowEncoding, RowFormat, RowWriter } from './row-writer';

export { columnsOf } from './row-writer';
export type { RowEncoding } from './row-writer';

/**
 * Row encoding of the tables the case fold writes: one `[column, type, value]` table per row
 * shape (row-writer.ts writes each value for its type). The column lists the projector inserts by
 * (TABLE_COLUMNS) are read from these tables, so a value cannot land under another column; adding a
 * column is one line here (and its field in the facts). view-rows.unit.spec.ts checks each table's
 * columns and their types against the migrations.
 */

const STR: ColumnType = 'String';
const LC: ColumnType = 'LowCardinality(String)';
const TIME: ColumnType = "DateTime64(3, 'UTC')";
const BOOL: ColumnType = 'Bool';
const LIST: ColumnType = 'Array(LowCardinality(String))';

/** A time that may be undefined: its has_… column. */
const has = (t: number | undefined): boolean => t !== undefined;
/** …and its …_ms column (0 when undefined). */
const ms = (t: number | undefined): number => t ?? 0;

/** A case's attributes, which every signed view row carries (written once per case). */
export interface CaseAttributes {
  opened: OpenedCase;
  /** The case's record key (record-key.ts, migration 0009). */
  rk: number;
}

export const CASE_ATTRIBUTES: RowEncoding<CaseAttributes> = [
  ['case_id', STR, (c) => c.opened.caseId],
  ['country', LC, (c) => c.opened.country],
  ['opened_at', TIME, (c) => c.opened.openedAt],
  ['sex', LC, (c) => c.opened.sex],
  ['citizenship', LC, (c) => c.opened.citizenship],
  ['country_role', LC, (c) => c.opened.countryRole],
  ['exploitation', LIST, (c) => c.opened.exploitation],
  ['is_child', BOOL, (c) => c.opened.child],
  ['is_foreign', BOOL, (c) => c.opened.foreign],
  ['is_origin', BOOL, (c) => c.opened.origin],
  ['rk', 'UInt32', (c) => c.rk],
];

/** A case's attributes as events_v1 and referrals_v1 carry them (so event indicators need no join). */
export type CaseDims = Pick<OpenedCase, 'country' | 'sex' | 'citizenship' | 'countryRole' | 'exploitation' | 'child'>;

export const CASE_DIMS: RowEncoding<CaseDims> = [
  ['case_country', LC, (c) => c.country],
  ['case_sex', LC, (c) => c.sex],
  ['case_citizenship', LC, (c) => c.citizenship],
  ['case_country_role', LC, (c) => c.countryRole],
  ['case_exploitation', LIST, (c) => c.exploitation],
  ['case_is_child', BOOL, (c) => c.child],
];

/** The CASE_DIMS of an event whose case is not known to the fold. */
export const NO_CASE_DIMS: CaseDims = { country: '', sex: '', citizenship: '', countryRole: '', exploitation: [], child: false };

const noCaseDimsByFormat = new Map<RowFormat, Fragment>();

/** NO_CASE_DIMS written in `format`. */
export function noCaseDims(format: RowFormat): Fragment {
  let f = noCaseDimsByFormat.get(format);
  if (f === undefined) noCaseDimsByFormat.set(format, (f = fragment(format, CASE_DIMS, NO_CASE_DIMS)));
  return f;
}

/** The leading columns of every signed view row. */
export interface SignedHead {
  sign: 1 | -1;
  /** The position of the last event of the emission. */
  position: number;
  /** The knowledge time of the emission's events. */
  recordedAt: string;
}

export const SIGNED_HEAD: RowEncoding<SignedHead> = [
  ['sign', 'Int8', (h) => h.sign],
  ['position', 'UInt64', (h) => h.position],
  ['recorded_at', TIME, (h) => h.recordedAt],
];

/** case_view_v1: one version per case. */
export const CASE_VIEW: RowEncoding<CaseRowFacts> = [
  ['entered_mask', 'UInt8', (r) => r.enteredMask],
  ['has_closure', BOOL, (r) => has(r.closedMs)],
  ['closed_ms', 'Int64', (r) => ms(r.closedMs)],
  ['measures_used', 'UInt16', (r) => r.measuresUsed],
  ['closure_reason', LC, (r) => r.closureReason], // migration 0010
  ['catalogue', LC, (r) => r.catalogue], // migration 0012
];

/** measure_view_v1: one version per (case, measure) pair with records. */
export const MEASURE_VIEW: RowEncoding<PairFacts> = [
  ['measure', LC, (p) => p.measure],
  ['sop', 'UInt8', (p) => p.sop],
  ['has_done', BOOL, (p) => has(p.doneMs)],
  ['done_ms', 'Int64', (p) => ms(p.doneMs)],
  ['has_completed', BOOL, (p) => has(p.completedMs)],
  ['completed_ms', 'Int64', (p) => ms(p.completedMs)],
  ['has_na', BOOL, (p) => p.notApplicable],
  ['has_anchor', BOOL, (p) => has(p.anchorMs)],
  ['anchor_ms', 'Int64', (p) => ms(p.anchorMs)],
  ['has_before', BOOL, (p) => has(p.beforeCompletedMs)],
  ['before_completed_ms', 'Int64', (p) => ms(p.beforeCompletedMs)],
  ['entered_ok', BOOL, (p) => p.enteredOk],
  ['closed_by_due', BOOL, (p) => p.closedByDue],
  ['applies', BOOL, (p) => p.applies],
  ['due_ms', 'Int64', (p) => ms(p.dueMs)],
  ['entered_mask', 'UInt8', (p) => p.enteredMask],
  ['has_closure', BOOL, (p) => has(p.closedMs)],
  ['closed_ms', 'Int64', (p) => ms(p.closedMs)],
  ['catalogue', LC, (p) => p.catalogue], // migration 0012
];

/** deadline_view_v1: one version per (case, measure with a deadline) pair that can be overdue. */
export const DEADLINE_VIEW: RowEncoding<DeadlineFacts> = [
  ['measure', LC, (d) => d.measure],
  ['sop', 'UInt8', (d) => d.sop],
  ['due_ms', 'Int64', (d) => d.dueMs],
  ['has_done', BOOL, (d) => has(d.doneMs)],
  ['done_ms', 'Int64', (d) => ms(d.doneMs)],
];

/** A signed view: rows of [SIGNED_HEAD, CASE_ATTRIBUTES, own columns]. */
export class SignedView<T> {
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];

  constructor(readonly own: RowEncoding<T>) {
    const all = [...SIGNED_HEAD, ...CASE_ATTRIBUTES, ...own] as RowEncoding<never>;
    this.columns = columnsOf(all);
    this.types = all.map(([, type]) => type);
  }

  /** One row; `caseAttributes` as fragment() wrote CASE_ATTRIBUTES in the writer's format. */
  write(w: RowWriter, head: SignedHead, caseAttributes: Fragment, row: T): void {
    w.begin();
    writeValues(w, SIGNED_HEAD, head);
    w.append(caseAttributes);
    writeValues(w, this.own, row);
    w.end();
  }
}

export const SIGNED_VIEWS = {
  case_view_v1: new SignedView(CASE_VIEW),
  measure_view_v1: new SignedView(MEASURE_VIEW),
  deadline_view_v1: new SignedView(DEADLINE_VIEW),
};

/** removed_events_v1: when an event stopped counting (retracted, or its case's opening retracted). */
export interface RemovedEvent {
  /** The position of the emission that wrote it (its last event's: the retraction, or one after it at the same knowledge time). */
  position: number;
  recordedAt: string;
  eventPosition: number;
}

export const REMOVED_EVENTS: RowEncoding<RemovedEvent> = [
  ['position', 'UInt64', (r) => r.position],
  ['recorded_at', TIME, (r) => r.recordedAt],
  ['event_position', 'UInt64', (r) => r.eventPosition],
];
