import { BASELINE_CATALOGUE_VERSION, durationMs, findMeasure, getCatalogue, isChild, isForeign, isOrigin, parseRfc3339 } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';
import { NO_CASE_DIMS, measureSop, projectEvent } from './read-model.projection';
import { recordKeyFunction } from './record-key';
import type { RecordKey } from './record-key';
import type { ReadModelBatch } from './read-model.projection';

/**
 * The indicator-shaped read models (migrations/clickhouse/0002_case_views.sql): per case and per
 * (case, measure) pair, the facts INDICATORS.md needs — done(c,m), completed(c,m), optedOut,
 * entered(c,s), anchor time, the `before` measure's completion, the earliest closure — folded from
 * the case's effective events and written as signed versions.
 *
 * Whenever the events recorded at one knowledge time change a case's facts, the old version of each
 * changed row is written again with sign -1 and the new one with sign +1, both stamped with that
 * recorded_at. So for any T, Σ sign over rows with recorded_at ≤ T counts exactly the cases and
 * pairs as known at T (recordedAt never decreases along the store's positions). Indicators then
 * aggregate these rows linearly, without grouping by case.
 *
 * The fold is held per case in a bounded cache. A case not in it is folded again from its stream in
 * the event store, up to the event being projected: what the warehouse holds for it at the
 * checkpoint. Deterministic in the events alone, so a replay produces identical rows.
 */

interface Opened {
  eventId: string;
  country: string;
  child: boolean;
  foreign: boolean;
  origin: boolean;
  openedMs: number;
  /** JSON text of the values of the case's columns in the views (CASE_COLUMNS: its attributes, which never change). */
  caseJson: string;
  /** JSON text of the values of the case attributes events_v1 and referrals_v1 carry (see NO_CASE_DIMS). */
  dimsJson: string;
}

interface Fact {
  id: string;
  /** measure code, or '' for a case.closed */
  measure: string;
  sop: number;
  status: string;
  occurredMs: number;
  /** For a case.closed: its reason and recordedAt, which with the id break ties between closures. */
  reason?: string;
  recordedAt?: string;
}

interface CaseFold {
  caseId: string;
  opened?: Opened;
  /** The case.opened was retracted: the case is gone from every figure. */
  removed: boolean;
  /** Positions of the case's events, by lower-cased event id. */
  positions: Map<string, number>;
  /** Positions of events that stopped counting since the last emission (removed_events_v1). */
  removals: number[];
  facts: Fact[];
  retracted?: Set<string>;
  /** What the warehouse holds for this case. */
  view: CaseView;
  /** Events applied since the last emission, all recorded at `pendingAt`. */
  pending: boolean;
  pendingAt: string;
  pendingPosition: number;
}

export type StreamLoader = (caseId: string) => Promise<RecordedEvent[]>;

const q = JSON.stringify;

interface MeasureRule {
  sop: number;
  anchor?: string;
  withinMs: number;
  before?: string;
  /** The SOP of the measure's `entered:SOP<n>` term, 0 if none. */
  needsEntered: number;
  /** Its other appliesTo terms. */
  needs: { child: boolean; adult: boolean; foreign: boolean; origin: boolean };
  /** Another measure's deadline counts from it, or its `before` names it. */
  hub: boolean;
}
const rules = new Map<string, MeasureRule>();
function ruleOf(measure: string): MeasureRule {
  let r = rules.get(measure);
  if (!r) {
    const catalogue = getCatalogue(BASELINE_CATALOGUE_VERSION)!;
    const def = findMeasure(catalogue, measure);
    const entered = def?.appliesTo.find((t) => t.startsWith('entered:SOP'));
    r = {
      sop: def?.sop ?? 0,
      anchor: def?.deadline?.anchor,
      withinMs: def?.deadline ? durationMs(def.deadline.within) : 0,
      before: def?.before,
      needsEntered: entered ? Number(entered.slice('entered:SOP'.length)) : 0,
      needs: {
        child: !!def?.appliesTo.includes('child'), adult: !!def?.appliesTo.includes('adult'),
        foreign: !!def?.appliesTo.includes('foreign'), origin: !!def?.appliesTo.includes('origin'),
      },
      hub: catalogue.measures.some((m) => m.deadline?.anchor === measure || m.before === measure),
    };
    rules.set(measure, r);
  }
  return r;
}

/** The catalogue's measures with a deadline, with their rules: each may be overdue without any record. */
let deadlineRules: [string, MeasureRule][] | undefined;
function withDeadline(): [string, MeasureRule][] {
  return (deadlineRules ??= getCatalogue(BASELINE_CATALOGUE_VERSION)!.measures.filter((m) => m.deadline).map((m) => [m.code, ruleOf(m.code)]));
}

/** The `entered:SOP<n>` term of m's appliesTo holds (`entered`: a bit mask of SOPs). */
function enteredOkFor(rule: MeasureRule, entered: number): boolean {
  return rule.needsEntered === 0 || (entered & (1 << rule.needsEntered)) !== 0;
}

/** applies(c, m) given its `entered` term: every other appliesTo term of m holds for the case. */
function profileFits(rule: MeasureRule, o: Opened): boolean {
  const n = rule.needs;
  return (!n.child || o.child) && (!n.adult || !o.child) && (!n.foreign || o.foreign) && (!n.origin || o.origin);
}

interface PairFacts {
  sop: number;
  done: number;
  completed: number;
  na: boolean;
}

/**
 * A case's folded facts: the case row, and each pair's facts as a short key. A pair's row carries
 * only what changes with its own facts — its applicability's `entered` term and whether the case
 * closed by its due time are evaluated here — so most pairs keep one version while the case moves
 * on; only "hub" measures (anchors of deadlines, targets of `before`) also carry the case's entered
 * SOPs and earliest closure, which the rules of the measures depending on them need.
 */
export interface CaseView {
  live: boolean;
  caseRow?: string;
  pairs: Map<string, string>;
  /**
   * The (case, measure with a deadline) pairs that can be overdue, with or without records:
   * m applies, is not opted out, its anchor time is defined and the case did not close by its due
   * time. Key: "sop due done".
   */
  deadlines: Map<string, string>;
}

const NOT_LIVE: CaseView = { live: false, pairs: new Map(), deadlines: new Map() };
const ms = (t: number) => (t === Infinity ? 0 : t);
/** A time of a fact key as row text: 0 when undefined. */
const msText = (v: string) => (v === 'Infinity' ? '0' : v);

/** The case's facts as of its applied events (no rows when the case is not live). */
export function caseView(fold: Pick<CaseFold, 'opened' | 'removed' | 'facts' | 'retracted'>): CaseView {
  const o = fold.opened;
  if (!o || fold.removed) return NOT_LIVE;
  const facts = new Map<string, PairFacts>();
  let closed = Infinity;
  // closure(c): the effective case.closed with the earliest occurredAt, then recordedAt, then eventId.
  let closure: Fact | undefined;
  let entered = 0;
  for (const f of fold.facts) {
    if (fold.retracted?.has(f.id)) continue;
    if (f.measure === '') {
      if (!closure || f.occurredMs < closure.occurredMs
        || (f.occurredMs === closure.occurredMs && (f.recordedAt! < closure.recordedAt! || (f.recordedAt === closure.recordedAt && f.id < closure.id)))) {
        closure = f;
        closed = f.occurredMs;
      }
      continue;
    }
    let p = facts.get(f.measure);
    if (!p) facts.set(f.measure, (p = { sop: f.sop, done: Infinity, completed: Infinity, na: false }));
    if (f.status === 'not_applicable') {
      p.na = true;
      continue;
    }
    entered |= 1 << f.sop;
    if (f.occurredMs < p.done) p.done = f.occurredMs;
    if (f.status === 'completed' && f.occurredMs < p.completed) p.completed = f.occurredMs;
  }
  let used = 0;
  const pairs = new Map<string, string>();
  for (const [measure, p] of facts) {
    if (p.done !== Infinity) used++;
    const rule = ruleOf(measure);
    const anchor = rule.anchor === undefined ? Infinity
      : rule.anchor === 'case.opened' ? o.openedMs : facts.get(rule.anchor)?.done ?? Infinity;
    const before = rule.before === undefined ? Infinity : facts.get(rule.before)?.completed ?? Infinity;
    const enteredOk = enteredOkFor(rule, entered);
    const applies = enteredOk && profileFits(rule, o);
    const due = anchor === Infinity ? Infinity : anchor + rule.withinMs;
    const closedByDue = due !== Infinity && closed <= due;
    const hub = rule.hub ? ` ${entered} ${closed}` : ' 0 Infinity';
    pairs.set(measure, `${p.sop} ${p.done} ${p.completed} ${p.na} ${anchor} ${before} ${enteredOk} ${closedByDue} ${applies} ${due}${hub}`);
  }
  const deadlines = new Map<string, string>();
  for (const [measure, rule] of withDeadline()) {
    const anchor = rule.anchor === 'case.opened' ? o.openedMs : facts.get(rule.anchor!)?.done ?? Infinity;
    if (anchor === Infinity || !enteredOkFor(rule, entered) || !profileFits(rule, o)) continue;
    const p = facts.get(measure);
    if (p?.na && p.done === Infinity) continue; // opted out: not in D(m)
    const due = anchor + rule.withinMs;
    if (closed <= due) continue; // closed in time: never overdue
    deadlines.set(measure, `${rule.sop} ${due} ${p?.done ?? Infinity}`);
  }
  const hasClosure = closed !== Infinity;
  return {
    live: true,
    caseRow: `${o.caseJson},${entered},${hasClosure},${ms(closed)},${used},${q(closure?.reason ?? '')}`,
    pairs,
    deadlines,
  };
}

/** The deadline_view_v1 values of a pair that can be overdue, after sign, position, recorded_at (TABLE_COLUMNS). */
function deadlineRow(caseJson: string, measure: string, key: string): string {
  const [sop, due, done] = key.split(' ');
  return `${caseJson},${q(measure)},${sop},${due},${done !== 'Infinity'},${msText(done)}`;
}

/** The measure_view_v1 values of a pair, after sign, position, recorded_at (TABLE_COLUMNS). */
function pairRow(caseJson: string, measure: string, key: string): string {
  const [sop, done, completed, na, anchor, before, enteredOk, closedByDue, applies, due, entered, closed] = key.split(' ');
  return `${caseJson},${q(measure)},${sop}`
    + `,${done !== 'Infinity'},${msText(done)}`
    + `,${completed !== 'Infinity'},${msText(completed)}`
    + `,${na}`
    + `,${anchor !== 'Infinity'},${msText(anchor)}`
    + `,${before !== 'Infinity'},${msText(before)}`
    + `,${enteredOk},${closedByDue},${applies},${msText(due)}`
    + `,${entered},${closed !== 'Infinity'},${msText(closed)}`;
}

function apply(fold: CaseFold, e: RecordedEvent, recordKey: RecordKey): void {
  const d = e.data as unknown as StoredEventData;
  fold.positions.set(e.eventId.toLowerCase(), e.position);
  switch (d.type) {
    case 'case.opened': {
      if (fold.opened) break; // the rules refuse a second opening
      const p = d.profile;
      const child = isChild(p);
      const exploitation = q(p.exploitation);
      fold.opened = {
        eventId: e.eventId.toLowerCase(),
        country: d.country,
        child,
        foreign: isForeign(p, d.country),
        origin: isOrigin(p),
        openedMs: parseRfc3339(d.occurredAt),
        caseJson: `${q(d.caseId)},${q(d.country)},${q(d.occurredAt)},${q(p.sex)},${q(p.citizenship)},${q(p.countryRole)},${exploitation},${child},${isForeign(p, d.country)},${isOrigin(p)},${recordKey(d.caseId)}`,
        dimsJson: `,${q(d.country)},${q(p.sex)},${q(p.citizenship)},${q(p.countryRole)},${exploitation},${child}`,
      };
      break;
    }
    case 'measure.recorded':
      fold.facts.push({ id: e.eventId.toLowerCase(), measure: d.measure, sop: measureSop(d), status: d.status, occurredMs: parseRfc3339(d.occurredAt) });
      break;
    case 'case.closed':
      fold.facts.push({
        id: e.eventId.toLowerCase(), measure: '', sop: 0, status: '', occurredMs: parseRfc3339(d.occurredAt),
        reason: d.reason, recordedAt: e.metadata.recordedAt,
      });
      break;
    case 'event.retracted': {
      const target = d.retractsEventId.toLowerCase();
      if (target === fold.opened?.eventId) {
        // The whole case goes: none of its events counts any more.
        fold.removed = true;
        fold.removals.push(...fold.positions.values());
      } else {
        (fold.retracted ??= new Set()).add(target);
        const at = fold.positions.get(target);
        if (at !== undefined) fold.removals.push(at);
      }
      break;
    }
    default:
      break;
  }
}

function newFold(caseId: string): CaseFold {
  return { caseId, removed: false, positions: new Map(), removals: [], facts: [], view: NOT_LIVE, pending: false, pendingAt: '', pendingPosition: 0 };
}

export class CaseViewProjection {
  private readonly cache = new Map<string, CaseFold>();
  /** The position the next batch is expected to start after; anything else resets the cache. */
  private expectedAfter?: number;
  /** Rows written to case_view_v1, measure_view_v1 and deadline_view_v1. */
  rows = 0;

  constructor(
    private readonly loadStream: StreamLoader,
    private readonly upcast?: (e: RecordedEvent) => RecordedEvent,
    private readonly capacity = 100_000,
    /** Record keys (INDICATORS.md "Disclosure control"): under the pseudonym secret. */
    private readonly recordKey: RecordKey = recordKeyFunction(),
  ) {}

  /**
   * Projects a batch of events (positions ascending, all after `after`) into `into`: the per-event
   * rows and the signed case and pair versions.
   */
  /** Positions of quarantined events: never folded, also when a case is refolded from its stream. */
  skip: ReadonlySet<number> = new Set();

  /**
   * `lastRead` is the position of the last event read for this batch (greater than the last of
   * `events` when quarantined events were left out at its end).
   */
  async project(after: number, events: readonly RecordedEvent[], into: ReadModelBatch, lastRead?: number): Promise<void> {
    if (after !== this.expectedAfter) this.cache.clear(); // a retried or out-of-order batch: refold from the store
    this.expectedAfter = undefined;
    const touched: CaseFold[] = [];
    for (const e of events) {
      const caseId = (e.data as { caseId: string }).caseId;
      let fold = this.cache.get(caseId);
      if (fold) {
        this.cache.delete(caseId); // most recently used last
        this.cache.set(caseId, fold);
      } else if (e.type === 'case.opened') {
        // The case rules accept case.opened only as a stream's first event: nothing to refold.
        fold = newFold(caseId);
        this.cache.set(caseId, fold);
      } else {
        fold = await this.load(caseId, e.position);
      }
      if (fold.pending && fold.pendingAt !== e.metadata.recordedAt) this.emit(fold, into);
      apply(fold, e, this.recordKey);
      projectEvent(e, into, fold.opened?.dimsJson ?? NO_CASE_DIMS, this.recordKey(e.eventId.toLowerCase()));
      if (!fold.pending) touched.push(fold);
      fold.pending = true;
      fold.pendingAt = e.metadata.recordedAt;
      fold.pendingPosition = e.position;
    }
    for (const fold of touched) if (fold.pending) this.emit(fold, into);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= this.capacity) break;
      this.cache.delete(key);
    }
    this.expectedAfter = lastRead ?? (events.length ? events[events.length - 1].position : after);
  }

  private async load(caseId: string, beforePosition: number): Promise<CaseFold> {
    const fold = newFold(caseId);
    const stream = await this.loadStream(caseId);
    for (const raw of stream) {
      if (raw.position >= beforePosition) break;
      if (this.skip.has(raw.position)) continue;
      apply(fold, this.upcast ? this.upcast(raw) : raw, this.recordKey);
    }
    fold.view = caseView(fold);
    fold.removals = []; // written when those events were projected
    this.cache.set(caseId, fold);
    return fold;
  }

  /** Writes the difference between what the warehouse holds for the case and its view now. */
  private emit(fold: CaseFold, into: ReadModelBatch): void {
    fold.pending = false;
    const head = `${fold.pendingPosition},${q(fold.pendingAt)}`;
    const was = fold.view;
    const now = caseView(fold);
    if (now.caseRow !== was.caseRow) {
      if (was.caseRow !== undefined) {
        into.case_view_v1.push(`[-1,${head},${was.caseRow}]\n`);
        this.rows++;
      }
      if (now.caseRow !== undefined) {
        into.case_view_v1.push(`[1,${head},${now.caseRow}]\n`);
        this.rows++;
      }
    }
    // A pair's row changes when its facts do (or the case stops or starts being live).
    const caseJson = fold.opened?.caseJson ?? '';
    const liveChanged = now.live !== was.live;
    for (const [measure, key] of was.pairs) {
      if (liveChanged || now.pairs.get(measure) !== key) {
        into.measure_view_v1.push(`[-1,${head},${pairRow(caseJson, measure, key)}]\n`);
        this.rows++;
      }
    }
    for (const [measure, key] of now.pairs) {
      if (liveChanged || was.pairs.get(measure) !== key) {
        into.measure_view_v1.push(`[1,${head},${pairRow(caseJson, measure, key)}]\n`);
        this.rows++;
      }
    }
    for (const [measure, key] of was.deadlines) {
      if (now.deadlines.get(measure) !== key) {
        into.deadline_view_v1.push(`[-1,${head},${deadlineRow(caseJson, measure, key)}]\n`);
        this.rows++;
      }
    }
    for (const [measure, key] of now.deadlines) {
      if (was.deadlines.get(measure) !== key) {
        into.deadline_view_v1.push(`[1,${head},${deadlineRow(caseJson, measure, key)}]\n`);
        this.rows++;
      }
    }
    for (const at of fold.removals) into.removed_events_v1.push(`[${head},${at}]\n`);
    fold.removals = [];
    fold.view = now;
  }
}

