// What the case rules need to know about one case stream, folded from its accepted events.
// Pure and in memory: the ingest pipeline loads (or caches) a stream's state, asks `decide`, and on
// acceptance `evolve`s it, so a case opened earlier in the same submission is already known.
import { isChild } from '../catalogue/catalogue';
import type { Profile, StoredEventData } from '../events';
import { parseRfc3339 } from '../schema/date-time';

export interface CaseState {
  caseId: string;
  /** Stream revision of the last applied event; -1 = empty stream (KurrentDB revisions start at 0). */
  revision: number;
  opened?: { eventId: string; profile: Profile; country: string; child: boolean };
  openedRetracted: boolean;
  /** ms: the earliest occurredAt of the effective (not retracted) case.closed events. */
  closedAt?: number;
  /** Every applied event, retractions included, by lower-cased eventId. */
  events: Map<string, { type: string; occurredAtMs: number }>;
  /** Lower-cased ids of retracted events. */
  retracted: Set<string>;
}

export function emptyCaseState(caseId: string): CaseState {
  return { caseId, revision: -1, openedRetracted: false, events: new Map(), retracted: new Set() };
}

/** Applies an accepted event (mutates and returns `state`). */
export function evolve(state: CaseState, e: StoredEventData): CaseState {
  const eventId = e.eventId.toLowerCase();
  const occurredAtMs = parseRfc3339(e.occurredAt);
  state.revision += 1;
  state.events.set(eventId, { type: e.type, occurredAtMs });
  switch (e.type) {
    case 'case.opened':
      state.opened ??= { eventId, profile: e.profile, country: e.country, child: isChild(e.profile) };
      break;
    case 'case.closed':
      if (!(state.closedAt !== undefined && state.closedAt <= occurredAtMs)) state.closedAt = occurredAtMs;
      break;
    case 'event.retracted': {
      const target = e.retractsEventId.toLowerCase();
      const retracted = state.events.get(target);
      if (!retracted || retracted.type === 'event.retracted') break; // decide rejects these
      state.retracted.add(target);
      if (target === state.opened?.eventId) state.openedRetracted = true;
      if (retracted.type === 'case.closed') state.closedAt = effectiveClosedAt(state);
      break;
    }
    default:
      break;
  }
  return state;
}

/** Earliest occurredAt of the case.closed events that are not retracted. */
function effectiveClosedAt(state: CaseState): number | undefined {
  let closedAt: number | undefined;
  for (const [id, event] of state.events) {
    if (event.type !== 'case.closed' || state.retracted.has(id)) continue;
    if (closedAt === undefined || event.occurredAtMs < closedAt) closedAt = event.occurredAtMs;
  }
  return closedAt;
}

/** The state of a case stream from its events in stream order. */
export function foldCaseState(caseId: string, events: readonly StoredEventData[]): CaseState {
  const state = emptyCaseState(caseId);
  for (const e of events) evolve(state, e);
  return state;
}
