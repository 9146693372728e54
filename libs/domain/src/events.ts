import type {
  Actor, AgeBand, ClosureReason, CountryRole, ExploitationForm, MeasureStatus, ReferralOutcome, ReferralPurpose,
  RetractionReason, Sex,
} from './vocabularies';

/** A country code: ISO 3166-1 alpha-2, or XK. */
export type CountryCode = string;

export interface Profile {
  ageBand: AgeBand;
  sex: Sex;
  citizenship: CountryCode | 'unknown';
  exploitation: ExploitationForm[];
  countryRole: CountryRole;
  presumedMinor?: boolean;
}

interface Common<T extends string> {
  eventId: string;
  type: T;
  schemaVersion: 1;
  country: CountryCode;
  occurredAt: string;
}

/**
 * The event as a submitter sends it (CONTRACT.md §1). `caseRef` never reaches disk: the ingest
 * pipeline replaces it with the pseudonymous `caseId` (see `StoredEventData`).
 */
export type SubmittedEvent = (
  | (Common<'case.opened'> & { profile: Profile })
  | (Common<'measure.recorded'> & {
      measure: string;
      status: MeasureStatus;
      actor: Actor;
      catalogueVersion?: string;
      checklist?: string[];
    })
  | (Common<'referral.sent'> & { referralId: string; toCountry: CountryCode; purpose: ReferralPurpose; consent: true })
  | (Common<'referral.received'> & { referralId: string; fromCountry: CountryCode })
  | (Common<'referral.feedback'> & { referralId: string; toCountry: CountryCode; outcome: ReferralOutcome })
  | (Common<'case.closed'> & { reason: ClosureReason })
  | (Common<'event.retracted'> & { retractsEventId: string; reason: RetractionReason })
) & { caseRef: string };

type WithoutCaseRef<T> = T extends unknown ? Omit<T, 'caseRef'> & { caseId: string } : never;

/** The event as stored: identical to the submitted one but `caseRef` → `caseId`. */
export type StoredEventData = WithoutCaseRef<SubmittedEvent>;

export type EventOfType<T extends StoredEventData['type']> = Extract<StoredEventData, { type: T }>;

/** What the service adds, never trusting the submitter (CONTRACT.md §1). */
export interface EventMetadata {
  recordedAt: string; // knowledge time, RFC 3339 UTC with milliseconds
  submissionId: string;
  keyId: string;
  channel: 'http' | 'kafka';
}
