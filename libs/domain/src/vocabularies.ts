// Controlled vocabularies of CATALOGUE.md. Closed lists: anything else is rejected at the schema
// step, so no free text can reach the event store.
export const ACTORS = [
  'law_enforcement', 'border_police', 'labour_inspectorate', 'prosecutor', 'judiciary', 'social_services',
  'child_protection', 'health', 'ngo', 'io', 'migration_authority', 'consular', 'other',
] as const;
export const AGE_BANDS = ['0-11', '12-14', '15-17', '18-24', '25-34', '35-44', '45-54', '55+', 'unknown'] as const;
export const CHILD_AGE_BANDS: readonly string[] = ['0-11', '12-14', '15-17'];
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const EXPLOITATION_FORMS = [
  'sexual', 'labour', 'domestic_servitude', 'begging', 'criminal_activities', 'forced_marriage', 'organ_removal', 'other',
] as const;
export const COUNTRY_ROLES = ['origin', 'transit', 'destination'] as const;
export const CLOSURE_REASONS = [
  'social_inclusion_achieved', 'returned_and_handed_over', 'transferred_to_other_country', 'assistance_declined',
  'lost_contact', 'deceased', 'other',
] as const;
export const RETRACTION_REASONS = ['data_entry_error', 'duplicate', 'wrong_case', 'withdrawn_consent'] as const;
export const REFERRAL_PURPOSES = ['identification', 'assistance', 'return', 'proceedings'] as const;
export const REFERRAL_OUTCOMES = ['assisted', 'reintegrated', 'lost_contact', 'declined', 'other'] as const;
export const MEASURE_STATUSES = ['offered', 'completed', 'declined', 'not_applicable'] as const;
/** Statuses meaning the institution acted (INDICATORS.md `done`). */
export const DONE_STATUSES: readonly string[] = ['offered', 'completed', 'declined'];
export const EVENT_TYPES = [
  'case.opened', 'measure.recorded', 'referral.sent', 'referral.received', 'referral.feedback', 'case.closed',
  'event.retracted',
] as const;

export type Actor = (typeof ACTORS)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Sex = (typeof SEXES)[number];
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];
export type CountryRole = (typeof COUNTRY_ROLES)[number];
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export type RetractionReason = (typeof RETRACTION_REASONS)[number];
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
