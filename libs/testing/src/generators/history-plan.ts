// The random part of a history: a plan per case, drawn by fast-check (and shrunk by it). The
// builder (history-builder.ts) turns a plan into valid events deterministically.
import fc from 'fast-check';
import {
  AGE_BANDS, CLOSURE_REASONS, COUNTRY_ROLES, EXPLOITATION_FORMS, REFERRAL_OUTCOMES, REFERRAL_PURPOSES,
  RETRACTION_REASONS, SEXES, TRM_COUNTRIES,
} from '@trm/domain';
import type {
  AgeBand, ClosureReason, CountryRole, ExploitationForm, MeasureStatus, ReferralOutcome, ReferralPurpose,
  RetractionReason, Sex,
} from '@trm/domain';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Citizenships besides the case's own country and `unknown` (codes of CATALOGUE.md). */
export const CITIZENSHIPS = TRM_COUNTRIES;

export interface ProfilePlan {
  ageBand: AgeBand;
  sex: Sex;
  citizenship: 'own' | 'unknown' | string;
  exploitation: ExploitationForm[];
  countryRole: CountryRole;
  presumedMinor?: boolean;
}

/** One measure.recorded: `pick` selects among the measures allowed for the case. */
export interface RecordPlan {
  pick: number;
  status: MeasureStatus;
  /** occurredAt relative to an anchor (the case's opening, or the return for SOP 4 pre-return measures). */
  delay: number;
  lag: number;
  actor: number;
  withVersion: boolean;
}

export interface Sop4Plan {
  returnDelay: number;
  returnStatus: MeasureStatus;
  returnLag: number;
  /** SOP4.M1–M4 / SOP4.C1, `delay` relative to the return (mostly before it). */
  preReturn: RecordPlan[];
  /** SOP4.M6–M8, `delay` relative to the opening. */
  reception: RecordPlan[];
}

export interface ReferralPlan {
  to: number;
  purpose: ReferralPurpose;
  delay: number;
  lag: number;
  received?: {
    delay: number;
    lag: number;
    /** 'receiver': recorded by a third country; 'fromCountry': naming a third country as sender. */
    wrong: 'none' | 'receiver' | 'fromCountry';
    third: number;
    receiverCase: number;
  };
  feedback?: {
    delay: number; lag: number; wrongTo: boolean; third: number; outcome: ReferralOutcome;
    /** A second feedback at the same occurredAt or a few minutes later (which one is first?). */
    again?: { later: number; lag: number; outcome: ReferralOutcome };
  };
}

export interface CasePlan {
  country: number;
  openedOffset: number;
  openedLag: number;
  /** UTC offset (minutes) this case's occurredAt values are written with. */
  utcOffset: number;
  profile: ProfilePlan;
  records: RecordPlan[];
  sop3: RecordPlan[];
  sop4?: Sop4Plan;
  sop5: RecordPlan[];
  referrals: ReferralPlan[];
  closure?: {
    delay: number; lag: number; reason: ClosureReason;
    /**
     * A second case.closed at the same occurredAt, recorded at another time (closure(c): the earliest,
     * then by recordedAt, then eventId). Not earlier: events after it would be refused (case_closed).
     */
    again?: { lag: number; reason: ClosureReason };
  };
  retractions: { target: number; lag: number; reason: RetractionReason }[];
  retractCase?: { lag: number; reason: RetractionReason };
}

export interface HistoryPlan {
  seed: number;
  cases: CasePlan[];
  batches: number;
  cuts: number[];
}

const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => m * MINUTE_MS);
const days = (min: number, max: number) => fc.integer({ min, max }).map((d) => d * DAY_MS);

/** `arb` in `present` draws out of `present + absent`, otherwise undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: arb, weight: present }, { arbitrary: fc.constant(undefined), weight: absent });

const rarely = fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 });

/** Delays after the case opened: exact days (deadline boundaries), ±1 ms, hours, months, rarely before. */
const delay = fc.oneof(
  { arbitrary: days(0, 20), weight: 3 },
  { arbitrary: fc.tuple(days(1, 20), fc.constantFrom(-1, 1)).map(([d, e]) => d + e), weight: 2 },
  { arbitrary: minutes(0, 72 * 60), weight: 4 },
  { arbitrary: minutes(0, 120 * 24 * 60), weight: 2 },
  { arbitrary: minutes(-48 * 60, -1), weight: 1 },
);
const longDelay = fc.oneof(days(5, 150), minutes(7 * 24 * 60, 200 * 24 * 60));

/** Report lag: usually minutes to hours, sometimes days to weeks late. */
const lag = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: minutes(1, 6 * 60), weight: 6 },
  { arbitrary: minutes(24 * 60, 45 * 24 * 60), weight: 2 },
);

const status = fc.oneof(
  { arbitrary: fc.constant<MeasureStatus>('completed'), weight: 5 },
  { arbitrary: fc.constant<MeasureStatus>('offered'), weight: 2 },
  { arbitrary: fc.constant<MeasureStatus>('declined'), weight: 1 },
  { arbitrary: fc.constant<MeasureStatus>('not_applicable'), weight: 2 },
);

const record = (d: fc.Arbitrary<number>): fc.Arbitrary<RecordPlan> =>
  fc.record({ pick: fc.nat(), status, delay: d, lag, actor: fc.nat(), withVersion: fc.boolean() });

const profile: fc.Arbitrary<ProfilePlan> = fc.record({
  ageBand: fc.constantFrom(...AGE_BANDS),
  sex: fc.constantFrom(...SEXES),
  citizenship: fc.oneof(
    { arbitrary: fc.constant('own'), weight: 3 },
    { arbitrary: fc.constant('unknown'), weight: 1 },
    { arbitrary: fc.constantFrom(...CITIZENSHIPS), weight: 3 },
  ),
  exploitation: fc.subarray([...EXPLOITATION_FORMS], { minLength: 1, maxLength: 3 }),
  countryRole: fc.constantFrom(...COUNTRY_ROLES),
  presumedMinor: sometimes(fc.boolean(), 1, 2),
});

/** Received relative to the sending: inside, exactly at, 1 ms either side of, well past P7D, or slightly before. */
const receivedDelay = fc.oneof(
  minutes(0, 7 * 24 * 60),
  fc.constantFrom(7 * DAY_MS, 7 * DAY_MS - 1, 7 * DAY_MS + 1),
  days(8, 30),
  minutes(-120, -1),
);
const feedbackDelay = fc.oneof(days(1, 89), fc.constantFrom(90 * DAY_MS, 90 * DAY_MS + 1), days(91, 130));

const referral: fc.Arbitrary<ReferralPlan> = fc.record({
  to: fc.nat(),
  purpose: fc.constantFrom(...REFERRAL_PURPOSES),
  delay,
  lag,
  received: sometimes(
    fc.record({
      delay: receivedDelay,
      lag,
      wrong: fc.oneof(
        { arbitrary: fc.constant<'none'>('none'), weight: 6 },
        { arbitrary: fc.constantFrom<('receiver' | 'fromCountry')[]>('receiver', 'fromCountry'), weight: 1 },
      ),
      third: fc.nat(),
      receiverCase: fc.nat(),
    }),
    3,
    1,
  ),
  feedback: sometimes(
    fc.record({
      delay: feedbackDelay,
      lag,
      wrongTo: rarely,
      third: fc.nat(),
      outcome: fc.constantFrom(...REFERRAL_OUTCOMES),
      again: sometimes(fc.record({ later: fc.oneof(fc.constant(0), minutes(1, 600)), lag, outcome: fc.constantFrom(...REFERRAL_OUTCOMES) }), 1, 3),
    }),
    1,
    1,
  ),
});

/** An empty list in `absent` draws out of `present + absent`, otherwise 1 to `max` items. */
const sometimesSome = <T>(item: fc.Arbitrary<T>, max: number, present: number, absent: number): fc.Arbitrary<T[]> =>
  fc.oneof(
    { arbitrary: fc.array(item, { minLength: 1, maxLength: max }), weight: present },
    { arbitrary: fc.constant<T[]>([]), weight: absent },
  );
const retraction = fc.record({ target: fc.nat(), lag, reason: fc.constantFrom(...RETRACTION_REASONS) });

export function casePlan(spanMs: number): fc.Arbitrary<CasePlan> {
  return fc.record({
    country: fc.nat(),
    openedOffset: fc.oneof(
      fc.integer({ min: 0, max: Math.floor(spanMs / MINUTE_MS) }).map((m) => m * MINUTE_MS),
      fc.integer({ min: 0, max: Math.floor(spanMs / DAY_MS) }).map((d) => d * DAY_MS),
    ),
    openedLag: lag,
    utcOffset: fc.oneof(
      { arbitrary: fc.constant(0), weight: 6 },
      { arbitrary: fc.constantFrom(60, 120, -300, 330), weight: 1 },
    ),
    profile,
    records: fc.array(record(delay), { maxLength: 8 }),
    sop3: sometimesSome(record(longDelay), 4, 1, 3),
    sop4: sometimes(
      fc.record({
        returnDelay: longDelay,
        returnStatus: status,
        returnLag: lag,
        preReturn: fc.array(record(fc.oneof(days(-20, 0), minutes(-20 * 24 * 60, 5 * 24 * 60))), { maxLength: 4 }),
        reception: fc.array(record(fc.oneof(delay, days(25, 95))), { maxLength: 3 }),
      }),
      1,
      4,
    ),
    sop5: sometimesSome(record(longDelay), 4, 1, 3),
    referrals: sometimesSome(referral, 2, 1, 2),
    closure: sometimes(
      fc.record({
        delay: fc.oneof(minutes(60, 72 * 60), days(5, 200)),
        lag,
        reason: fc.constantFrom(...CLOSURE_REASONS),
        again: sometimes(fc.record({ lag, reason: fc.constantFrom(...CLOSURE_REASONS) }), 1, 3),
      }),
      1,
      2,
    ),
    retractions: sometimesSome(retraction, 2, 1, 2),
    retractCase: sometimes(fc.record({ lag, reason: fc.constantFrom(...RETRACTION_REASONS) }), 1, 14),
  });
}
