// Hand-written histories for tests: stored events (caseId, recordedAt) without ceremony.
import type { MeasureStatus, Profile, StoredEventData } from '@trm/domain';
import type { Dimension, IndicatorQuery } from '../../../indicators/src/indicator.types';
import type { ReferenceEvent } from './knowledge';

export interface At {
  /** Knowledge time; defaults to the scenario's recordedAt. */
  recordedAt?: string;
}

/** A builder of stored events; every method returns the new event's id. */
export class Scenario {
  readonly events: ReferenceEvent[] = [];
  private readonly countries = new Map<string, string>();
  private n = 0;

  constructor(private readonly recordedAt = '2024-12-31T00:00:00.000Z') {}

  private push(caseId: string, occurredAt: string, fields: Record<string, unknown>, at: At): string {
    const eventId = `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
    const country = this.countries.get(caseId) ?? 'BG';
    const data = { eventId, schemaVersion: 1, country, caseId, occurredAt, ...fields } as StoredEventData;
    this.events.push({ data, recordedAt: at.recordedAt ?? this.recordedAt });
    return eventId;
  }

  open(caseId: string, occurredAt: string, opts: At & { country?: string; profile?: Partial<Profile> } = {}): string {
    this.countries.set(caseId, opts.country ?? 'BG');
    const profile: Profile = {
      ageBand: '25-34',
      sex: 'female',
      citizenship: opts.country ?? 'BG',
      exploitation: ['sexual'],
      countryRole: 'destination',
      ...opts.profile,
    };
    return this.push(caseId, occurredAt, { type: 'case.opened', profile }, opts);
  }

  measure(caseId: string, measure: string, status: MeasureStatus, occurredAt: string, at: At = {}): string {
    return this.push(caseId, occurredAt, { type: 'measure.recorded', measure, status, actor: 'ngo' }, at);
  }

  sent(caseId: string, referralId: string, toCountry: string, occurredAt: string, at: At = {}): string {
    const fields = { type: 'referral.sent', referralId, toCountry, purpose: 'assistance', consent: true };
    return this.push(caseId, occurredAt, fields, at);
  }

  received(caseId: string, referralId: string, fromCountry: string, occurredAt: string, at: At = {}): string {
    return this.push(caseId, occurredAt, { type: 'referral.received', referralId, fromCountry }, at);
  }

  feedback(caseId: string, referralId: string, toCountry: string, occurredAt: string, at: At = {}): string {
    return this.push(caseId, occurredAt, { type: 'referral.feedback', referralId, toCountry, outcome: 'assisted' }, at);
  }

  closed(caseId: string, occurredAt: string, at: At = {}): string {
    return this.push(caseId, occurredAt, { type: 'case.closed', reason: 'other' }, at);
  }

  retract(caseId: string, eventId: string, occurredAt: string, at: At = {}): string {
    const fields = { type: 'event.retracted', retractsEventId: eventId, reason: 'data_entry_error' };
    return this.push(caseId, occurredAt, fields, at);
  }
}

/** An IndicatorQuery: asOf defaults to 2030, no bounds, no grouping. */
export function query(
  q: Partial<Omit<IndicatorQuery, 'asOf' | 'from' | 'to'>> & { asOf?: string; from?: string; to?: string } = {},
): IndicatorQuery {
  return {
    asOf: new Date(q.asOf ?? '2030-01-01T00:00:00.000Z'),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.countries ? { countries: q.countries } : {}),
    ...(q.measures ? { measures: q.measures } : {}),
    ...(q.sops ? { sops: q.sops } : {}),
    groupBy: (q.groupBy ?? []) as Dimension[],
  };
}
