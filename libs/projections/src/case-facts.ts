import { isChild, isForeign, isOrigin, parseRfc3339 } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';
import { measureSop } from './catalogue-rules';
import type { CatalogueRules } from './catalogue-rules';

/**
 * The case-facts fold: a case's events (in store order) → the facts INDICATORS.md needs of the case
 * and of each (case, measure) pair — done(c,m), completed(c,m), optedOut, entered(c,s), anchor
 * time, the `before` measure's completion, closure(c) — as typed values, one field per column of
 * the signed views (view-rows.ts encodes them). Pure: no I/O, no clock, no catalogue of its own
 * (the rules governing the case are passed in).
 */

/** A case's opening: its attributes, which never change. */
export interface OpenedCase {
  /** Lower-cased: retractions name events case-insensitively. */
  eventId: string;
  caseId: string;
  country: string;
  /** occurredAt as stored. */
  openedAt: string;
  openedMs: number;
  sex: string;
  citizenship: string;
  countryRole: string;
  exploitation: readonly string[];
  child: boolean;
  foreign: boolean;
  origin: boolean;
}

export interface MeasureRecord {
  kind: 'measure';
  /** Lower-cased event id. */
  id: string;
  measure: string;
  sop: number;
  status: string;
  occurredMs: number;
}

export interface ClosureRecord {
  kind: 'closure';
  id: string;
  /** As stored: closure(c) breaks ties on it. */
  eventId: string;
  occurredMs: number;
  recordedMs: number;
  reason: string;
}

/** The fold's state: what the case's events said, retractions not yet applied. */
export interface CaseHistory {
  opened?: OpenedCase;
  /** The case.opened was retracted: the case is gone from every figure. */
  removed: boolean;
  /** measure.recorded and case.closed, in store order. */
  records: (MeasureRecord | ClosureRecord)[];
  /** Lower-cased ids of retracted events. */
  retracted: Set<string>;
}

export function emptyHistory(): CaseHistory {
  return { removed: false, records: [], retracted: new Set() };
}

/** What the fold reads of a stored event. */
export type FoldedEvent = Pick<RecordedEvent, 'eventId' | 'data'> & { metadata: Pick<RecordedEvent['metadata'], 'recordedAt'> };

/** foldEvent's answer when the case's opening was retracted: every event of the case stops counting. */
export const CASE_REMOVED = Symbol('case removed');

/**
 * Applies one event of the case (mutates `h`). Answers what stopped counting: the whole case
 * (CASE_REMOVED), the lower-cased id of the one event a retraction names, or nothing.
 */
export function foldEvent(h: CaseHistory, e: FoldedEvent): typeof CASE_REMOVED | string | undefined {
  const d = e.data as unknown as StoredEventData;
  switch (d.type) {
    case 'case.opened': {
      if (h.opened) break; // the case rules refuse a second opening
      const p = d.profile;
      h.opened = {
        eventId: e.eventId.toLowerCase(), caseId: d.caseId, country: d.country, openedAt: d.occurredAt,
        openedMs: parseRfc3339(d.occurredAt), sex: p.sex, citizenship: p.citizenship, countryRole: p.countryRole,
        exploitation: p.exploitation, child: isChild(p), foreign: isForeign(p, d.country), origin: isOrigin(p),
      };
      break;
    }
    case 'measure.recorded':
      h.records.push({ kind: 'measure', id: e.eventId.toLowerCase(), measure: d.measure, sop: measureSop(d), status: d.status, occurredMs: parseRfc3339(d.occurredAt) });
      break;
    case 'case.closed':
      h.records.push({
        kind: 'closure', id: e.eventId.toLowerCase(), eventId: e.eventId,
        occurredMs: parseRfc3339(d.occurredAt), recordedMs: parseRfc3339(e.metadata.recordedAt), reason: d.reason,
      });
      break;
    case 'event.retracted': {
      const target = d.retractsEventId.toLowerCase();
      if (target === h.opened?.eventId) {
        h.removed = true;
        return CASE_REMOVED;
      }
      h.retracted.add(target);
      return target;
    }
    default:
      break;
  }
  return undefined;
}

/** The folded history of a case's events, in store order. */
export function foldHistory(events: Iterable<FoldedEvent>): CaseHistory {
  const h = emptyHistory();
  for (const e of events) foldEvent(h, e);
  return h;
}

/**
 * The values of a case's own columns in case_view_v1. Times are ms since the epoch, `undefined`
 * when the fact is undefined (the row writes has_… false and 0).
 */
export interface CaseRowFacts {
  /** Bit s: entered(c, SOP s). */
  enteredMask: number;
  /** closure(c).occurredAt. */
  closedMs: number | undefined;
  /** Distinct measures with done(c, m) defined. */
  measuresUsed: number;
  /** closure(c).reason, '' without a closure. */
  closureReason: string;
  /** The id of the catalogue document governing the case (V(c), migration 0012). */
  catalogue: string;
}

/**
 * The values of a (case, measure) pair's own columns in measure_view_v1. Only what changes with the
 * pair's own facts — its applicability's `entered` term and whether the case closed by its due time
 * are evaluated here — so most pairs keep one version while the case moves on; only hub measures
 * (anchors of deadlines, targets of `before`) also carry the case's entered SOPs and closure, which
 * the rules of the measures depending on them need (0 and undefined for the others).
 */
export interface PairFacts {
  measure: string;
  /** The SOP of the pair's first effective record. */
  sop: number;
  doneMs: number | undefined;
  completedMs: number | undefined;
  /** Some effective record has status not_applicable. */
  notApplicable: boolean;
  /** anchorTime(c) of m's deadline. */
  anchorMs: number | undefined;
  /** completed(c, b), b = m's `before` measure. */
  beforeCompletedMs: number | undefined;
  /** The `entered:SOP<n>` term of m's appliesTo holds (true without one). */
  enteredOk: boolean;
  /** An effective case.closed at or before due(c, m). */
  closedByDue: boolean;
  /** applies(c, m): every appliesTo term of m holds. */
  applies: boolean;
  dueMs: number | undefined;
  enteredMask: number;
  closedMs: number | undefined;
  /** The governing document's id on hub pairs (measure.sequence joins b's pairs to its measures), '' on the others. */
  catalogue: string;
}

/**
 * A (case, measure with a deadline) pair that can be overdue, with or without records: m applies,
 * is not opted out, its anchor time is defined and the case did not close by its due time.
 */
export interface DeadlineFacts {
  measure: string;
  /** The catalogue's SOP of m. */
  sop: number;
  dueMs: number;
  doneMs: number | undefined;
}

/** A live case's facts; each map in the order its rows are written. */
export interface CaseViewFacts {
  row: CaseRowFacts;
  pairs: Map<string, PairFacts>;
  deadlines: Map<string, DeadlineFacts>;
}

/**
 * closure(c) (INDICATORS.md "Outcomes and attrition"): the effective case.closed with the earliest
 * occurredAt, then the earliest recordedAt, then the smallest eventId; undefined if none.
 */
export function firstClosure(h: CaseHistory): Readonly<ClosureRecord> | undefined {
  let first: ClosureRecord | undefined;
  for (const r of h.records) {
    if (r.kind !== 'closure' || h.retracted.has(r.id)) continue;
    if (!first || r.occurredMs < first.occurredMs
      || (r.occurredMs === first.occurredMs && (r.recordedMs < first.recordedMs || (r.recordedMs === first.recordedMs && r.eventId < first.eventId)))) {
      first = r;
    }
  }
  return first;
}

interface PairAccumulator {
  sop: number;
  done: number;
  completed: number;
  na: boolean;
}

const defined = (t: number): number | undefined => (t === Infinity ? undefined : t);

/** The case's facts as of its folded events under `rules`; undefined when the case is not live. */
export function caseFacts(h: CaseHistory, rules: CatalogueRules): CaseViewFacts | undefined {
  const o = h.opened;
  if (!o || h.removed) return undefined;
  // Undefined times are Infinity while folding: min() and ≤ then need no special case.
  const acc = new Map<string, PairAccumulator>();
  let entered = 0;
  for (const r of h.records) {
    if (r.kind === 'closure' || h.retracted.has(r.id)) continue;
    let p = acc.get(r.measure);
    if (!p) acc.set(r.measure, (p = { sop: r.sop, done: Infinity, completed: Infinity, na: false }));
    if (r.status === 'not_applicable') {
      p.na = true;
      continue;
    }
    entered |= 1 << r.sop;
    if (r.occurredMs < p.done) p.done = r.occurredMs;
    if (r.status === 'completed' && r.occurredMs < p.completed) p.completed = r.occurredMs;
  }
  const closure = firstClosure(h);
  const closed = closure?.occurredMs ?? Infinity;
  const anchorOf = (anchor: string | undefined): number =>
    anchor === undefined ? Infinity : anchor === 'case.opened' ? o.openedMs : acc.get(anchor)?.done ?? Infinity;

  let used = 0;
  const pairs = new Map<string, PairFacts>();
  for (const [measure, p] of acc) {
    if (p.done !== Infinity) used++;
    const rule = rules.rule(measure);
    const anchor = anchorOf(rule.anchor);
    const due = anchor === Infinity ? Infinity : anchor + rule.withinMs;
    const enteredOk = rules.enteredOk(rule, entered);
    pairs.set(measure, {
      measure,
      sop: p.sop,
      doneMs: defined(p.done),
      completedMs: defined(p.completed),
      notApplicable: p.na,
      anchorMs: defined(anchor),
      beforeCompletedMs: rule.before === undefined ? undefined : defined(acc.get(rule.before)?.completed ?? Infinity),
      enteredOk,
      closedByDue: due !== Infinity && closed <= due,
      applies: enteredOk && rules.profileFits(rule, o),
      dueMs: defined(due),
      enteredMask: rule.hub ? entered : 0,
      closedMs: rule.hub ? defined(closed) : undefined,
      catalogue: rule.hub ? rules.version : '',
    });
  }

  const deadlines = new Map<string, DeadlineFacts>();
  for (const rule of rules.withDeadline) {
    const anchor = anchorOf(rule.anchor);
    if (anchor === Infinity || !rules.enteredOk(rule, entered) || !rules.profileFits(rule, o)) continue;
    const p = acc.get(rule.code);
    if (p?.na && p.done === Infinity) continue; // opted out: not in D(m)
    const due = anchor + rule.withinMs;
    if (closed <= due) continue; // closed in time: never overdue
    deadlines.set(rule.code, { measure: rule.code, sop: rule.sop, dueMs: due, doneMs: defined(p?.done ?? Infinity) });
  }

  return { row: { enteredMask: entered, closedMs: defined(closed), measuresUsed: used, closureReason: closure?.reason ?? '', catalogue: rules.version }, pairs, deadlines };
}

/**
 * Two facts of the same kind are equal field by field. Every field of CaseRowFacts, PairFacts and
 * DeadlineFacts is written to a column, each value to distinct text, so equal facts ⇔ equal rows:
 * the projection writes a row again (sign -1, then +1) exactly when its text changes. A field that
 * is no column would break this; keep such values in the history, not in the facts.
 */
export function sameFacts<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  for (const k in a) if (a[k] !== b[k]) return false;
  return true;
}
