// INDICATORS.md "Outcomes and attrition": case.closure, case.closure_reason, case.days_to_closure,
// case.stalled, over the case.* cohort (with its sop filter).
import { CLOSURE_REASONS } from '@trm/domain';
import type { EventOfType } from '@trm/domain';
import type { IndicatorQuery, IndicatorRow } from '../../../indicators/src/indicator.types';
import { caseCohort } from './cohort';
import { dimensionsOf, groupingFor, Groups } from './grouping';
import { DAY_MS, instant } from './knowledge';
import type { Knowledge, LiveCase, ReferenceEvent } from './knowledge';

/** closure(c): the effective case.closed with the earliest occurredAt, then recordedAt, then eventId. */
export function closure(c: LiveCase): EventOfType<'case.closed'> | undefined {
  const closures = c.events.filter((e): e is ReferenceEvent & { data: EventOfType<'case.closed'> } => e.data.type === 'case.closed');
  closures.sort((a, b) =>
    instant(a.data.occurredAt) - instant(b.data.occurredAt)
    || instant(a.recordedAt) - instant(b.recordedAt)
    || (a.data.eventId < b.data.eventId ? -1 : a.data.eventId > b.data.eventId ? 1 : 0));
  return closures[0]?.data;
}

export function outcomeIndicator(k: Knowledge, id: string, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: false });
  for (const c of caseCohort(k, q)) {
    const dims = (implicit = {}) => dimensionsOf(c, groupBy, c.openedAt, implicit);
    const closed = closure(c);
    switch (id) {
      case 'case.closure':
        groups.proportion(dims(), closed !== undefined, c.caseId);
        break;
      case 'case.closure_reason':
        if (!closed) break;
        for (const closureReason of CLOSURE_REASONS) groups.proportion(dims({ closureReason }), closed.reason === closureReason, c.caseId);
        break;
      case 'case.days_to_closure':
        if (closed) groups.value(dims(), (instant(closed.occurredAt) - c.openedAt) / DAY_MS, c.caseId);
        break;
      case 'case.stalled': {
        if (closed) break;
        // c.events holds the case's effective events, never retractions.
        const latest = Math.max(...c.events.map((e) => instant(e.data.occurredAt)));
        if (latest < k.asOf - 60 * DAY_MS) groups.count(dims(), c.caseId);
        break;
      }
      default:
        throw new Error(`not an outcome indicator: ${id}`);
    }
  }
  if (id === 'case.days_to_closure') return groups.distributionRows();
  return id === 'case.stalled' ? groups.countRows() : groups.proportionRows();
}
