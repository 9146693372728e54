// What is known as of T (INDICATORS.md "Knowledge, effectiveness, cases"), computed the slow and
// obvious way. Everything else in the reference reads only from a `Knowledge`.
import { DONE_STATUSES, isChild, isForeign, isOrigin } from '@trm/domain';
import type { EventOfType, Profile, StoredEventData } from '@trm/domain';
import { sopOfMeasure } from './catalogue-facts';
import { RulesAsOf, SHIPPED_DOCUMENTS } from './catalogue-documents';
import type { ReferenceDocument, ReferenceRules } from './catalogue-documents';

/** One stored event and its knowledge time. */
export interface ReferenceEvent {
  data: StoredEventData;
  recordedAt: string; // ISO
}

export const DAY_MS = 86_400_000;

/** An instant in ms since the epoch; RFC 3339 offsets are honoured, so comparison is in UTC. */
export const instant = (iso: string): number => Date.parse(iso);

export type MeasureRecord = EventOfType<'measure.recorded'>;

/** A live case: its `case.opened` is effective. */
export interface LiveCase {
  caseId: string;
  country: string;
  openedAt: number;
  profile: Profile;
  child: boolean;
  foreign: boolean;
  origin: boolean;
  /** Effective events of this case (never retractions). */
  events: ReferenceEvent[];
  /** Effective `measure.recorded` events, by measure code. */
  records: Map<string, MeasureRecord[]>;
  /** occurredAt of every effective `case.closed`. */
  closures: number[];
  /** V(c) as of T: the governing document's id and measures. */
  rules: ReferenceRules;
}

export interface Knowledge {
  asOf: number;
  /** Live cases by caseId. */
  cases: Map<string, LiveCase>;
  /** Effective events of live cases, in input order. */
  events: ReferenceEvent[];
  /** The catalogue documents published by T. */
  catalogue: RulesAsOf;
}

/**
 * What is known as of `asOf`: the events recorded by then, and the catalogue `documents` published
 * by then (default: `trm-baseline-1` alone).
 */
export function knowledgeAsOf(all: ReferenceEvent[], asOf: Date, documents: readonly ReferenceDocument[] = SHIPPED_DOCUMENTS): Knowledge {
  const T = asOf.getTime();
  const catalogue = new RulesAsOf(documents, T);
  const existing = all.filter((e) => instant(e.recordedAt) <= T);

  const retracted = new Set<string>();
  for (const e of existing) if (e.data.type === 'event.retracted') retracted.add(e.data.retractsEventId);
  const effective = existing.filter((e) => e.data.type !== 'event.retracted' && !retracted.has(e.data.eventId));

  const cases = new Map<string, LiveCase>();
  for (const e of effective) {
    if (e.data.type !== 'case.opened') continue;
    const { caseId, country, profile } = e.data;
    // A stream holds at most one case.opened (case_exists); should a second appear, the first wins.
    if (cases.has(caseId)) continue;
    const openedAt = instant(e.data.occurredAt);
    cases.set(caseId, {
      caseId, country, profile, openedAt,
      child: isChild(profile), foreign: isForeign(profile, country), origin: isOrigin(profile),
      events: [], records: new Map(), closures: [], rules: catalogue.forCase(country, openedAt),
    });
  }

  const events: ReferenceEvent[] = [];
  for (const e of effective) {
    const c = cases.get(e.data.caseId);
    if (!c) continue; // case not live: the whole case is gone
    events.push(e);
    c.events.push(e);
    if (e.data.type === 'measure.recorded') {
      const list = c.records.get(e.data.measure) ?? [];
      list.push(e.data);
      c.records.set(e.data.measure, list);
    }
    if (e.data.type === 'case.closed') c.closures.push(instant(e.data.occurredAt));
  }
  return { asOf: T, cases, events, catalogue };
}

function earliest(records: MeasureRecord[], statuses: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const r of records) {
    if (!statuses.includes(r.status)) continue;
    const t = instant(r.occurredAt);
    if (best === undefined || t < best) best = t;
  }
  return best;
}

/** done(c,m): earliest occurredAt of an offered/completed/declined record. */
export function done(c: LiveCase, code: string): number | undefined {
  return earliest(c.records.get(code) ?? [], DONE_STATUSES);
}

/** completed(c,m): earliest occurredAt of a completed record. */
export function completed(c: LiveCase, code: string): number | undefined {
  return earliest(c.records.get(code) ?? [], ['completed']);
}

/** optedOut(c,m): some record is not_applicable and done(c,m) is undefined. */
export function optedOut(c: LiveCase, code: string): boolean {
  const records = c.records.get(code) ?? [];
  return records.some((r) => r.status === 'not_applicable') && done(c, code) === undefined;
}

/** entered(c,s): an effective record with status ≠ not_applicable for any measure of SOP s. */
export function entered(c: LiveCase, sop: number): boolean {
  for (const [code, records] of c.records) {
    if (sopOfMeasure(code) === sop && records.some((r) => r.status !== 'not_applicable')) return true;
  }
  return false;
}

/** The SOPs c has entered. */
export function enteredSops(c: LiveCase): Set<number> {
  const sops = new Set<number>();
  for (const [code, records] of c.records) {
    const sop = sopOfMeasure(code);
    if (sop !== undefined && records.some((r) => r.status !== 'not_applicable')) sops.add(sop);
  }
  return sops;
}
