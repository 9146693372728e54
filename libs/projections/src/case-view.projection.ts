import type { RecordedEvent } from '@trm/event-store';
import { CaseCache } from './case-cache';
import { CASE_REMOVED, caseFacts, emptyHistory, foldEvent, sameFacts } from './case-facts';
import type { CaseHistory, CaseViewFacts } from './case-facts';
import { CatalogueInForce } from './catalogue-rules';
import type { GovernedOpening } from './catalogue-rules';
import { projectEvent } from './read-model.projection';
import type { ReadModelBatch } from './read-model.projection';
import { recordKeyFunction } from './record-key';
import type { RecordKey } from './record-key';
import { ProjectionError } from './projection-error';
import { fragment, RowValueError, writeValues } from './row-writer';
import type { Fragment, RowFormat, RowWriter } from './row-writer';
import { CASE_ATTRIBUTES, CASE_DIMS, noCaseDims, REMOVED_EVENTS, SIGNED_VIEWS } from './view-rows';
import type { SignedHead, SignedView } from './view-rows';

/**
 * The indicator-shaped read models (migrations/clickhouse/0002_case_views.sql): per case and per
 * (case, measure) pair, the facts INDICATORS.md needs (case-facts.ts), folded from the case's
 * effective events and written as signed versions (view-rows.ts).
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

export type StreamLoader = (caseId: string) => Promise<RecordedEvent[]>;

interface CaseEntry {
  history: CaseHistory;
  /** Positions of the case's events, by lower-cased event id. */
  positions: Map<string, number>;
  /** Positions of events that stopped counting since the last emission (removed_events_v1). */
  removals: number[];
  /** The case's CASE_ATTRIBUTES values in the projection's row format, once opened. */
  caseAttributes: Fragment | undefined;
  /** The case's CASE_DIMS values, as events_v1 and referrals_v1 carry them. */
  caseDims: Fragment;
  /** What the warehouse holds for this case (undefined: nothing live). */
  view: CaseViewFacts | undefined;
  /** Events applied since the last emission, all recorded at `pendingAt`. */
  pending: boolean;
  pendingAt: string;
  pendingPosition: number;
}

function newEntry(format: RowFormat): CaseEntry {
  return {
    history: emptyHistory(), positions: new Map(), removals: [], caseAttributes: undefined, caseDims: noCaseDims(format),
    view: undefined, pending: false, pendingAt: '', pendingPosition: 0,
  };
}

/** A value the rows cannot hold, as a failure of the event at `position` (quarantined by name, not by halving batches). */
function named(err: unknown, position: number): unknown {
  if (!(err instanceof RowValueError)) return err;
  return new ProjectionError(position, 'invalid_value', `the event at position ${position} has ${err.message}`);
}
const { case_view_v1: CASES, measure_view_v1: PAIRS, deadline_view_v1: DEADLINES } = SIGNED_VIEWS;

export class CaseViewProjection {
  private readonly cache: CaseCache<CaseEntry>;
  /** The position the next batch is expected to start after; anything else resets the cache. */
  private expectedAfter?: number;
  /** Rows written to case_view_v1, measure_view_v1 and deadline_view_v1. */
  rows = 0;
  /** Positions of quarantined events: never folded, also when a case is refolded from its stream. */
  skip: ReadonlySet<number> = new Set();

  constructor(
    private readonly loadStream: StreamLoader,
    private readonly upcast?: (e: RecordedEvent) => RecordedEvent,
    capacity = 100_000,
    /** Record keys (INDICATORS.md "Disclosure control"): under the pseudonym secret. */
    private readonly recordKey: RecordKey = recordKeyFunction(),
    /** The catalogue documents published up to the batches' position: V(c) of each case. */
    public catalogue: CatalogueInForce = new CatalogueInForce(),
    /** The format of the rows written (the batches' writers are of this format). */
    readonly format: RowFormat = 'RowBinary',
  ) {
    this.cache = new CaseCache(capacity);
  }

  /**
   * Projects a batch of events (positions ascending, all after `after`) into `into`: the per-event
   * rows and the signed case and pair versions. `lastRead` is the position of the last event read
   * for this batch (greater than the last of `events` when quarantined events were left out at its end).
   */
  async project(after: number, events: readonly RecordedEvent[], into: ReadModelBatch, lastRead?: number): Promise<void> {
    if (after !== this.expectedAfter) this.cache.clear(); // a retried or out-of-order batch: refold from the store
    this.expectedAfter = undefined;
    const touched: CaseEntry[] = [];
    for (const e of events) {
      const caseId = (e.data as { caseId: string }).caseId;
      let entry = this.cache.get(caseId);
      if (!entry) {
        if (e.type === 'case.opened') {
          // The case rules accept case.opened only as a stream's first event: nothing to refold.
          entry = newEntry(this.format);
          this.cache.set(caseId, entry);
        } else {
          entry = await this.load(caseId, e.position);
        }
      }
      try {
        if (entry.pending && entry.pendingAt !== e.metadata.recordedAt) this.emit(entry, into);
        this.apply(entry, e);
        projectEvent(e, into, entry.caseDims, this.recordKey(e.eventId.toLowerCase()));
      } catch (err) {
        throw named(err, e.position);
      }
      if (!entry.pending) touched.push(entry);
      entry.pending = true;
      entry.pendingAt = e.metadata.recordedAt;
      entry.pendingPosition = e.position;
    }
    for (const entry of touched) {
      try {
        if (entry.pending) this.emit(entry, into);
      } catch (err) {
        throw named(err, entry.pendingPosition);
      }
    }
    this.cache.trim();
    this.expectedAfter = lastRead ?? (events.length ? events[events.length - 1].position : after);
  }

  /** Folds one event into the case, noting which positions stopped counting. */
  private apply(entry: CaseEntry, e: RecordedEvent): void {
    entry.positions.set(e.eventId.toLowerCase(), e.position);
    const removed = foldEvent(entry.history, e);
    if (removed === CASE_REMOVED) {
      // The whole case goes: none of its events counts any more.
      entry.removals.push(...entry.positions.values());
    } else if (removed !== undefined) {
      const at = entry.positions.get(removed);
      if (at !== undefined) entry.removals.push(at);
    }
    const opened = entry.history.opened;
    if (opened && entry.caseAttributes === undefined) {
      entry.caseAttributes = fragment(this.format, CASE_ATTRIBUTES, { opened, rk: this.recordKey(opened.caseId) });
      entry.caseDims = fragment(this.format, CASE_DIMS, opened);
    }
  }

  private facts(entry: CaseEntry, catalogue = this.catalogue): CaseViewFacts | undefined {
    const opened = entry.history.opened;
    return opened && caseFacts(entry.history, catalogue.rulesFor(opened));
  }

  /**
   * A publication at `at` (the catalogue.published event's position and recordedAt): of the cases
   * live before it (`candidates`, from the warehouse), those whose governing document it changes are
   * folded under `next` and their changed rows written as signed versions stamped `at`, as a late
   * event's would be. Figures as of any time before `at` stay as they were. Returns how many cases
   * were folded again.
   */
  async refold(candidates: readonly (GovernedOpening & { caseId: string })[], next: CatalogueInForce, at: { position: number; recordedAt: string }, into: ReadModelBatch): Promise<number> {
    this.expectedAfter = undefined;
    let refolded = 0;
    for (const c of candidates) {
      if (this.catalogue.governingId(c) === next.governingId(c)) continue;
      // What the warehouse holds for the case: its cached fold, or its stream before the publication folded under the documents before it.
      const entry = this.cache.get(c.caseId) ?? await this.load(c.caseId, at.position);
      entry.pendingAt = at.recordedAt;
      entry.pendingPosition = at.position;
      this.emit(entry, into, next);
      if (++refolded % 10_000 === 0) this.cache.trim();
    }
    this.catalogue = next;
    this.cache.trim();
    this.expectedAfter = at.position;
    return refolded;
  }

  private async load(caseId: string, beforePosition: number): Promise<CaseEntry> {
    const entry = newEntry(this.format);
    const stream = await this.loadStream(caseId);
    for (const raw of stream) {
      if (raw.position >= beforePosition) break;
      if (this.skip.has(raw.position)) continue;
      this.apply(entry, this.upcast ? this.upcast(raw) : raw);
    }
    entry.view = this.facts(entry);
    entry.removals = []; // written when those events were projected
    this.cache.set(caseId, entry);
    return entry;
  }

  /** Writes the difference between what the warehouse holds for the case and its facts now. */
  private emit(entry: CaseEntry, into: ReadModelBatch, catalogue = this.catalogue): void {
    entry.pending = false;
    const minus = this.minus;
    const plus = this.plus;
    minus.position = plus.position = entry.pendingPosition;
    minus.recordedAt = plus.recordedAt = entry.pendingAt;
    // A case with a view (was or now) was opened: its attributes were written.
    const c = entry.caseAttributes!;
    const was = entry.view;
    const now = this.facts(entry, catalogue);
    if (!sameFacts(was?.row, now?.row)) {
      if (was) this.write(into.case_view_v1, CASES, minus, c, was.row);
      if (now) this.write(into.case_view_v1, CASES, plus, c, now.row);
    }
    // A pair's row changes when its facts do (or the case stops or starts being live). The maps
    // are keyed by each value's `measure`; values() iterates without an entry array per pair.
    this.writeChanged(into.measure_view_v1, PAIRS, minus, c, was?.pairs, now?.pairs);
    this.writeChanged(into.measure_view_v1, PAIRS, plus, c, now?.pairs, was?.pairs);
    this.writeChanged(into.deadline_view_v1, DEADLINES, minus, c, was?.deadlines, now?.deadlines);
    this.writeChanged(into.deadline_view_v1, DEADLINES, plus, c, now?.deadlines, was?.deadlines);
    if (entry.removals.length) {
      const removal = { position: entry.pendingPosition, recordedAt: entry.pendingAt, eventPosition: 0 };
      for (const eventPosition of entry.removals) {
        const w = into.removed_events_v1;
        removal.eventPosition = eventPosition;
        w.begin();
        writeValues(w, REMOVED_EVENTS, removal);
        w.end();
      }
      entry.removals = [];
    }
    entry.view = now;
  }

  /** The heads of an emission's rows, reused (written out before the next emission). */
  private readonly minus: SignedHead = { sign: -1, position: 0, recordedAt: '' };
  private readonly plus: SignedHead = { sign: 1, position: 0, recordedAt: '' };

  /** Writes, with `head`, each row of `rows` whose facts differ from those of the same measure in `other`. */
  private writeChanged<T extends { measure: string }>(
    w: RowWriter, view: SignedView<T>, head: SignedHead, caseAttributes: Fragment,
    rows: ReadonlyMap<string, T> | undefined, other: ReadonlyMap<string, T> | undefined,
  ): void {
    if (!rows) return;
    for (const row of rows.values()) {
      if (!sameFacts(row, other?.get(row.measure))) this.write(w, view, head, caseAttributes, row);
    }
  }

  private write<T>(w: RowWriter, view: SignedView<T>, head: SignedHead, caseAttributes: Fragment, row: T): void {
    view.write(w, head, caseAttributes, row);
    this.rows++;
  }
}
