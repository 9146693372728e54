import { findMeasure, getCatalogue, isChild, isForeign, isOrigin } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';

/** The read-model tables this projection writes (migrations/clickhouse/0001_event_read_models.sql). */
export const READ_MODEL_TABLES = [
  'events_v1', 'cases_v1', 'measure_records_v1', 'referrals_v1', 'closures_v1', 'retractions_v1',
  'case_view_v1', 'measure_view_v1', 'deadline_view_v1', 'removed_events_v1',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/** JSONEachRow text per table; DateTime64 columns carry RFC 3339 text (inserted with best_effort parsing). */
export type ReadModelBatch = Record<ReadModelTable, string>;

export function emptyBatch(): ReadModelBatch {
  return {
    events_v1: '', cases_v1: '', measure_records_v1: '', referrals_v1: '', closures_v1: '', retractions_v1: '',
    case_view_v1: '', measure_view_v1: '', deadline_view_v1: '', removed_events_v1: '',
  };
}

const q = JSON.stringify;
const sopOf = new Map<string, number>();

export function measureSop(d: Extract<StoredEventData, { type: 'measure.recorded' }>): number {
  const key = `${d.catalogueVersion ?? ''}|${d.measure}`;
  let sop = sopOf.get(key);
  if (sop === undefined) {
    const catalogue = getCatalogue(d.catalogueVersion);
    sop = (catalogue && findMeasure(catalogue, d.measure)?.sop) ?? Number(d.measure.charAt(3));
    sopOf.set(key, sop);
  }
  return sop;
}

/**
 * Pure mapping of one stored event to its per-event warehouse rows, written straight as JSONEachRow
 * lines (the projector's hot path: no intermediate row objects). `caseDims` is the JSON text of its
 * case's attributes (`,"case_country":…`), which events_v1 and referrals_v1 carry. Deterministic in
 * the events alone, so a replay from the event store produces identical rows.
 */
export function projectEvent(e: RecordedEvent, into: ReadModelBatch, caseDims: string): void {
  const d = e.data as unknown as StoredEventData;
  const common = `"position":${e.position},"event_id":${q(e.eventId)},"case_id":${q(d.caseId)},"country":${q(d.country)},"occurred_at":${q(d.occurredAt)},"recorded_at":${q(e.metadata.recordedAt)}`;
  into.events_v1 += `{${common},"type":${q(d.type)},"submission_id":${q(e.metadata.submissionId)},"key_id":${q(e.metadata.keyId)},"channel":${q(e.metadata.channel)}${caseDims}}\n`;
  switch (d.type) {
    case 'case.opened': {
      const p = d.profile;
      into.cases_v1 += `{"position":${e.position},"event_id":${q(e.eventId)},"case_id":${q(d.caseId)},"country":${q(d.country)},"opened_at":${q(d.occurredAt)},"recorded_at":${q(e.metadata.recordedAt)},"age_band":${q(p.ageBand)},"sex":${q(p.sex)},"citizenship":${q(p.citizenship)},"exploitation":${q(p.exploitation)},"country_role":${q(p.countryRole)},"presumed_minor":${p.presumedMinor === true},"is_child":${isChild(p)},"is_foreign":${isForeign(p, d.country)},"is_origin":${isOrigin(p)}}\n`;
      break;
    }
    case 'measure.recorded':
      into.measure_records_v1 += `{${common},"measure":${q(d.measure)},"sop":${measureSop(d)},"status":${q(d.status)},"actor":${q(d.actor)},"catalogue_version":${q(d.catalogueVersion ?? '')}}\n`;
      break;
    case 'referral.sent':
      into.referrals_v1 += `{${common},"kind":"sent","referral_id":${q(d.referralId)},"counterpart":${q(d.toCountry)},"purpose":${q(d.purpose)},"outcome":""${caseDims}}\n`;
      break;
    case 'referral.received':
      into.referrals_v1 += `{${common},"kind":"received","referral_id":${q(d.referralId)},"counterpart":${q(d.fromCountry)},"purpose":"","outcome":""${caseDims}}\n`;
      break;
    case 'referral.feedback':
      into.referrals_v1 += `{${common},"kind":"feedback","referral_id":${q(d.referralId)},"counterpart":${q(d.toCountry)},"purpose":"","outcome":${q(d.outcome)}${caseDims}}\n`;
      break;
    case 'case.closed':
      into.closures_v1 += `{${common},"reason":${q(d.reason)}}\n`;
      break;
    case 'event.retracted':
      into.retractions_v1 += `{${common},"retracts_event_id":${q(d.retractsEventId.toLowerCase())},"reason":${q(d.reason)}}\n`;
      break;
  }
}
