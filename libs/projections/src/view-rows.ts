import type { CaseRowFacts, DeadlineFacts, OpenedCase, PairFacts } from './case-facts';

/**
 * Row encoding of the tables the case fold writes, as JSONCompactEachRow values: one
 * `[column, encoder]` table per row shape. The column lists the projector inserts by
 * (TABLE_COLUMNS) are read from these tables, so a value cannot land under another column; adding a
 * column is one line here (and its field in the facts). view-rows.unit.spec.ts checks each table's
 * columns against the migrations.
 */

/** One column's value as JSON text (strings through JSON.stringify; numbers and booleans as they print). */
export type Encoder<T> = (row: T) => string | number | boolean;
export type RowEncoding<T> = readonly (readonly [column: string, encode: Encoder<T>])[];

export function columnsOf(encoding: RowEncoding<never>): string[] {
  return encoding.map(([column]) => column);
}

/** The row's values in the encoding's column order, comma-separated (no brackets). */
export function encodeValues<T>(encoding: RowEncoding<T>, row: T): string {
  let text = '';
  for (let i = 0; i < encoding.length; i++) text += i === 0 ? `${encoding[i][1](row)}` : `,${encoding[i][1](row)}`;
  return text;
}

const q = JSON.stringify;
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
  ['case_id', (c) => q(c.opened.caseId)],
  ['country', (c) => q(c.opened.country)],
  ['opened_at', (c) => q(c.opened.openedAt)],
  ['sex', (c) => q(c.opened.sex)],
  ['citizenship', (c) => q(c.opened.citizenship)],
  ['country_role', (c) => q(c.opened.countryRole)],
  ['exploitation', (c) => q(c.opened.exploitation)],
  ['is_child', (c) => c.opened.child],
  ['is_foreign', (c) => c.opened.foreign],
  ['is_origin', (c) => c.opened.origin],
  ['rk', (c) => c.rk],
];

/** A case's attributes as events_v1 and referrals_v1 carry them (so event indicators need no join). */
export type CaseDims = Pick<OpenedCase, 'country' | 'sex' | 'citizenship' | 'countryRole' | 'exploitation' | 'child'>;

export const CASE_DIMS: RowEncoding<CaseDims> = [
  ['case_country', (c) => q(c.country)],
  ['case_sex', (c) => q(c.sex)],
  ['case_citizenship', (c) => q(c.citizenship)],
  ['case_country_role', (c) => q(c.countryRole)],
  ['case_exploitation', (c) => q(c.exploitation)],
  ['case_is_child', (c) => c.child],
];

/** The values of CASE_DIMS, after a comma, for an event whose case is not known to the fold. */
export const NO_CASE_DIMS = `,${encodeValues(CASE_DIMS, { country: '', sex: '', citizenship: '', countryRole: '', exploitation: [], child: false })}`;

/** The leading columns of every signed view row. */
export interface SignedHead {
  sign: 1 | -1;
  /** The position of the last event of the emission. */
  position: number;
  /** The knowledge time of the emission's events. */
  recordedAt: string;
}

export const SIGNED_HEAD: RowEncoding<SignedHead> = [
  ['sign', (h) => h.sign],
  ['position', (h) => h.position],
  ['recorded_at', (h) => q(h.recordedAt)],
];

/** case_view_v1: one version per case. */
export const CASE_VIEW: RowEncoding<CaseRowFacts> = [
  ['entered_mask', (r) => r.enteredMask],
  ['has_closure', (r) => has(r.closedMs)],
  ['closed_ms', (r) => ms(r.closedMs)],
  ['measures_used', (r) => r.measuresUsed],
  ['closure_reason', (r) => q(r.closureReason)], // migration 0010
  ['catalogue', (r) => q(r.catalogue)], // migration 0012
];

/** measure_view_v1: one version per (case, measure) pair with records. */
export const MEASURE_VIEW: RowEncoding<PairFacts> = [
  ['measure', (p) => q(p.measure)],
  ['sop', (p) => p.sop],
  ['has_done', (p) => has(p.doneMs)],
  ['done_ms', (p) => ms(p.doneMs)],
  ['has_completed', (p) => has(p.completedMs)],
  ['completed_ms', (p) => ms(p.completedMs)],
  ['has_na', (p) => p.notApplicable],
  ['has_anchor', (p) => has(p.anchorMs)],
  ['anchor_ms', (p) => ms(p.anchorMs)],
  ['has_before', (p) => has(p.beforeCompletedMs)],
  ['before_completed_ms', (p) => ms(p.beforeCompletedMs)],
  ['entered_ok', (p) => p.enteredOk],
  ['closed_by_due', (p) => p.closedByDue],
  ['applies', (p) => p.applies],
  ['due_ms', (p) => ms(p.dueMs)],
  ['entered_mask', (p) => p.enteredMask],
  ['has_closure', (p) => has(p.closedMs)],
  ['closed_ms', (p) => ms(p.closedMs)],
  ['catalogue', (p) => q(p.catalogue)], // migration 0012
];

/** deadline_view_v1: one version per (case, measure with a deadline) pair that can be overdue. */
export const DEADLINE_VIEW: RowEncoding<DeadlineFacts> = [
  ['measure', (d) => q(d.measure)],
  ['sop', (d) => d.sop],
  ['due_ms', (d) => d.dueMs],
  ['has_done', (d) => has(d.doneMs)],
  ['done_ms', (d) => ms(d.doneMs)],
];

/** A signed view: rows of [SIGNED_HEAD, CASE_ATTRIBUTES, own columns]. */
export class SignedView<T> {
  readonly columns: readonly string[];

  constructor(readonly own: RowEncoding<T>) {
    this.columns = [...columnsOf(SIGNED_HEAD), ...columnsOf(CASE_ATTRIBUTES), ...columnsOf(own)];
  }

  /** One JSONCompactEachRow line; `head` and `caseAttributes` as encodeValues wrote them. */
  line(head: string, caseAttributes: string, row: T): string {
    return `[${head},${caseAttributes},${encodeValues(this.own, row)}]\n`;
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
  ['position', (r) => r.position],
  ['recorded_at', (r) => q(r.recordedAt)],
  ['event_position', (r) => r.eventPosition],
];
