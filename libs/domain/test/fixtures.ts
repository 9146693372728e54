// Valid events of every type, built fresh per call so a test can break one field at a time.
import { toStoredEvent, type StoredEventData, type SubmittedEvent } from '@trm/domain';

export const RECEIVED_AT = new Date('2024-03-02T00:00:00Z');

let counter = 0;
/** A fresh UUID v4-shaped id, deterministic per test run. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

const common = () => ({ eventId: uuid(), schemaVersion: 1, country: 'IT', caseRef: 'IT-2024-0042', occurredAt: '2024-03-01T09:30:00+01:00' });

export const valid = {
  caseOpened: () => ({
    ...common(), type: 'case.opened',
    profile: { ageBand: '18-24', sex: 'female', citizenship: 'RO', exploitation: ['sexual'], countryRole: 'destination' },
  }),
  measureRecorded: () => ({ ...common(), type: 'measure.recorded', measure: 'SOP1.M1', status: 'completed', actor: 'law_enforcement' }),
  referralSent: () => ({ ...common(), type: 'referral.sent', referralId: 'IT:R-1', toCountry: 'RO', purpose: 'return', consent: true }),
  referralReceived: () => ({ ...common(), type: 'referral.received', referralId: 'IT:R-1', fromCountry: 'XK' }),
  referralFeedback: () => ({ ...common(), type: 'referral.feedback', referralId: 'IT:R-1', toCountry: 'RO', outcome: 'assisted' }),
  caseClosed: () => ({ ...common(), type: 'case.closed', reason: 'lost_contact' }),
  eventRetracted: () => ({ ...common(), type: 'event.retracted', retractsEventId: uuid(), reason: 'data_entry_error' }),
};

/** Stored form of a submitted-shaped object (tests of the case rules skip validation). */
export function stored(e: Record<string, unknown>, overrides: Record<string, unknown> = {}): StoredEventData {
  return toStoredEvent({ ...e, ...overrides } as unknown as SubmittedEvent, 'case-under-test');
}
