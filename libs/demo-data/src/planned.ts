// The generator's working units: an event planned for a case (when it happened, when the national
// system reports it, what it says), and a referral that will make the receiving country open its
// own case. Planned events are short-lived: once a case is planned they are packed into the
// EventPool, and the SubmittedEvent object is built only when the event is emitted.
import type {
  Actor, ClosureReason, MeasureStatus, Profile, ReferralOutcome, ReferralPurpose, RetractionReason,
} from '@trm/domain';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Event kinds, in the order of EVENT_TYPES. */
export const OPENED = 0;
export const MEASURE = 1;
export const SENT = 2;
export const RECEIVED = 3;
export const FEEDBACK = 4;
export const CLOSED = 5;
export const RETRACTED = 6;

/** A measure record's content; one shared (interned) object per distinct content. */
export interface MeasureRecord {
  measure: string;
  status: MeasureStatus;
  actor: Actor;
  catalogueVersion: string | null;
  /** The record's properties as the end of an NDJSON line: `,"measure":…}\n`, ASCII. */
  line: Uint8Array;
}
export interface SentRecord { referralId: string; toCountry: string; purpose: ReferralPurpose }
export interface ReceivedRecord { referralId: string; fromCountry: string }
export interface FeedbackRecord { referralId: string; toCountry: string; outcome: ReferralOutcome }

export type Payload = Profile | MeasureRecord | SentRecord | ReceivedRecord | FeedbackRecord | ClosureReason | RetractionReason;

export interface Planned {
  /** occurredAt, epoch ms. */
  at: number;
  /** When the national system submits it: the stream is ordered by this, so late reports come late. */
  report: number;
  /** Event number in planning order; the eventId is derived from it. */
  seq: number;
  kind: number;
  payload: Payload;
  /** For an event.retracted: the event it names. */
  target: Planned | null;
  retracted: boolean;
  /** For a referral.sent: the receiving country's reaction, if it opens a case. */
  link: LinkRequest | null;
}

/** A receiving country opening its own case for a referred person. */
export interface LinkRequest {
  /** When the receiving case should open (the demo engine opens it at the first case slot from then). */
  desiredAt: number;
  from: string;
  to: string;
  referralId: string;
  purpose: ReferralPurpose;
  sentAt: number;
  sender: Profile;
  /** The receiving country records referral.received (most do; some open a case but never record it). */
  recordsReceipt: boolean;
  /** Feedback back to the sender, if any: when (epoch ms) and what. */
  feedbackAt: number | null;
  outcome: ReferralOutcome;
}
