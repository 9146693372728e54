// The case rules of CONTRACT.md §1 beyond the shape. `decide` only judges a schema-valid event
// against the state of its case stream; duplicates (same eventId, same content) are the ingest
// pipeline's to recognise before asking, by content hash.
import { ruleError, type EventError } from '../errors';
import type { StoredEventData } from '../events';
import { parseRfc3339 } from '../schema/date-time';
import type { CaseState } from './case-state';
import { SHIPPED_MEASURE_CATALOGUE } from './measure-catalogue';
import type { MeasureCatalogue } from './measure-catalogue';

/**
 * The errors that forbid appending `e` to the case stream; [] = acceptable. `catalogue` is the
 * catalogue as of receipt (the ingest pipeline reads the published documents once per submission);
 * without it, the shipped `trm-baseline-1` alone.
 */
export function decide(state: CaseState, e: StoredEventData, catalogue: MeasureCatalogue = SHIPPED_MEASURE_CATALOGUE): EventError[] {
  if (state.events.has(e.eventId.toLowerCase())) {
    return [ruleError('event_id_conflict', 'this eventId is already recorded for the case with other content', '/eventId')];
  }
  if (e.type === 'case.opened') {
    // Also after a retraction: a retracted case stays retracted; its history must not be reused.
    return state.opened ? [ruleError('case_exists', 'the case was already opened (case.opened exists)')] : [];
  }
  if (!state.opened) return [ruleError('unknown_case', 'no case.opened for this case')];
  if (state.openedRetracted) return [ruleError('unknown_case', 'the case was retracted (its case.opened was retracted)')];

  const errors: EventError[] = [];
  const occurredAtMs = parseRfc3339(e.occurredAt);
  if (e.type !== 'event.retracted' && state.closedAt !== undefined && occurredAtMs > state.closedAt) {
    errors.push(ruleError('case_closed', 'occurred after the case was closed', '/occurredAt'));
  }
  switch (e.type) {
    case 'measure.recorded': {
      // `catalogueVersion` is kept but decides nothing (V(c) does); it must still name a document.
      if (e.catalogueVersion !== undefined && !catalogue.isKnownDocument(e.catalogueVersion)) {
        errors.push(ruleError('unknown_catalogue_version', 'no such catalogue version', '/catalogueVersion'));
        break;
      }
      if (!catalogue.isKnownMeasure(e.measure)) {
        errors.push(ruleError('unknown_measure', 'no published baseline version has this measure', '/measure'));
        break;
      }
      const openedMs = state.events.get(state.opened.eventId)?.occurredAtMs ?? Number.NEGATIVE_INFINITY;
      const measure = catalogue.measureFor({ country: state.opened.country, openedMs }, e.measure);
      if (measure?.appliesTo.includes('child') && !state.opened.child) {
        errors.push(ruleError('not_applicable_to_case', 'a child-specific measure on an adult case', '/measure'));
      }
      break;
    }
    case 'event.retracted': {
      const target = state.events.get(e.retractsEventId.toLowerCase());
      if (!target) {
        errors.push(ruleError('unknown_event', 'no such event in this case', '/retractsEventId'));
      } else if (target.type === 'event.retracted') {
        errors.push(ruleError('cannot_retract_retraction', 'a retraction cannot be retracted', '/retractsEventId'));
      }
      break;
    }
    default:
      break;
  }
  return errors;
}
