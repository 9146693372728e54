import { findMeasure, getCatalogue, isChild, isForeign, isOrigin } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import type { RecordedEvent } from '@trm/event-store';

/** The read-model tables this projection writes (migrations/clickhouse/0001_event_read_models.sql). */
export const READ_MODEL_TABLES = [
  'events_v1', 'cases_v1', 'measure_records_v1', 'referrals_v1', 'closures_v1', 'retractions_v1',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];
export type ReadModelRows = Record<ReadModelTable, Record<string, unknown>[]>;

export function emptyRows(): ReadModelRows {
  return { events_v1: [], cases_v1: [], measure_records_v1: [], referrals_v1: [], closures_v1: [], retractions_v1: [] };
}

/** ClickHouse DateTime64(3) text from an RFC 3339 instant with any offset: UTC 'YYYY-MM-DD hh:mm:ss.sss'. */
export function chTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Pure mapping of one stored event to warehouse rows. Deterministic in the event alone, so a
 * replay from the event store produces identical rows.
 */
export function projectEvent(e: RecordedEvent, into: ReadModelRows): void {
  const d = e.data as unknown as StoredEventData;
  const common = {
    position: e.position,
    event_id: e.eventId,
    case_id: d.caseId,
    country: d.country,
    occurred_at: chTime(d.occurredAt),
    recorded_at: chTime(e.metadata.recordedAt),
  };
  into.events_v1.push({
    ...common, type: d.type, submission_id: e.metadata.submissionId, key_id: e.metadata.keyId, channel: e.metadata.channel,
  });
  switch (d.type) {
    case 'case.opened': {
      const p = d.profile;
      into.cases_v1.push({
        position: e.position, event_id: e.eventId, case_id: d.caseId, country: d.country,
        opened_at: common.occurred_at, recorded_at: common.recorded_at,
        age_band: p.ageBand, sex: p.sex, citizenship: p.citizenship, exploitation: p.exploitation,
        country_role: p.countryRole, presumed_minor: p.presumedMinor === true,
        is_child: isChild(p), is_foreign: isForeign(p, d.country), is_origin: isOrigin(p),
      });
      break;
    }
    case 'measure.recorded': {
      const catalogue = getCatalogue(d.catalogueVersion);
      const sop = (catalogue && findMeasure(catalogue, d.measure)?.sop) ?? Number(d.measure.charAt(3));
      into.measure_records_v1.push({
        ...common, measure: d.measure, sop, status: d.status, actor: d.actor,
        catalogue_version: d.catalogueVersion ?? '',
      });
      break;
    }
    case 'referral.sent':
      into.referrals_v1.push({ ...common, kind: 'sent', referral_id: d.referralId, counterpart: d.toCountry, purpose: d.purpose, outcome: '' });
      break;
    case 'referral.received':
      into.referrals_v1.push({ ...common, kind: 'received', referral_id: d.referralId, counterpart: d.fromCountry, purpose: '', outcome: '' });
      break;
    case 'referral.feedback':
      into.referrals_v1.push({ ...common, kind: 'feedback', referral_id: d.referralId, counterpart: d.toCountry, purpose: '', outcome: d.outcome });
      break;
    case 'case.closed':
      into.closures_v1.push({ ...common, reason: d.reason });
      break;
    case 'event.retracted':
      into.retractions_v1.push({ ...common, retracts_event_id: d.retractsEventId.toLowerCase(), reason: d.reason });
      break;
  }
}
