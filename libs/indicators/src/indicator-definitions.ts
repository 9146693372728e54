import { durationMs } from '@trm/domain';
import type { Dimension, IndicatorKind } from './indicator.types';

export type IndicatorBasis = 'case' | 'event';
export type ImplicitDimension = 'measure' | 'sop' | 'outcome' | 'closureReason';

export interface IndicatorDefinition {
  id: string;
  title: string;
  kind: IndicatorKind;
  unit: 'proportion' | 'days' | 'measures' | 'cases' | 'referrals';
  /** `case`: cohort by openedAt, period from openedAt; `event`: period from the event's occurredAt. */
  basis: IndicatorBasis;
  /**
   * Rows always carry these (INDICATORS.md: measure.* by measure and its sop; sop.reach by sop;
   * referral.feedback_outcome by outcome; case.closure_reason by closureReason).
   */
  implicit: ImplicitDimension[];
  dimensions: Dimension[];
  /** `sop`: the measure's SOP for measure.*, the SOPs reported by sop.reach, entered(c, s) for case.*. */
  filters: ('country' | 'toCountry' | 'measure' | 'sop')[];
  description: string;
  /** How its SQL is rendered and bound: fixed by the indicator, whatever the request. */
  sql: IndicatorSql;
}

/**
 * The indicator's own switches and values in its SQL (libs/indicators/sql/<template>.sql). The
 * request's switches (filters asked for, grouping, snapshot, disclosure control) are the builder's.
 */
export interface IndicatorSql {
  /** The SQL file (without `.sql`): the indicator's id. */
  template: string;
  /** The file listing the counted cases' ids (GET /v1/gaps?detail=cases), for a count that has one. */
  caseIdsTemplate?: string;
  /**
   * A second form over the live rows (`{{#live}}`, one row per pair, no signs), faster right after
   * a snapshot; the engine chooses per request (LIVE_FORM_MAX_EVENTS). Same figures either way.
   */
  liveForm: boolean;
  /** Mustache sections set by the indicator (each false unless named here). */
  sections: IndicatorSqlSections;
  /** Query parameters bound for every request of the indicator (`{name:Type}` in its SQL). */
  params: Record<string, string | number>;
}

export interface IndicatorSqlSections {
  /** The cohort's cases opened before asOf only (measure.overdue: counted at asOf). */
  openedBeforeAsOf: boolean;
  /** A sop filter keeps the cohort cases that entered a listed SOP (case.*; measure.* filter the measure's SOP). */
  sopEntered: boolean;
  /** The replies carry the first one's outcome (argMin over the replies: referral.feedback_outcome). */
  firstOutcome: boolean;
}

/**
 * INDICATORS.md "Referrals seen from both sides": a referral is acknowledged in time when the
 * receiver records it as received within P7D of the sending, answered in time with feedback within
 * P90D. Bound as `{windowDays:UInt16}` in the referral SQL, and written into the descriptions.
 */
export const REFERRAL_WINDOWS = { receipt: 'P7D', feedback: 'P90D' } as const;

/** A referral window in whole days. */
export function windowDays(window: keyof typeof REFERRAL_WINDOWS): number {
  return durationMs(REFERRAL_WINDOWS[window]) / 86_400_000;
}

const NO_SECTIONS: IndicatorSqlSections = { openedBeforeAsOf: false, sopEntered: false, firstOutcome: false };

function sql(id: string, sections: Partial<IndicatorSqlSections> = {}, params: IndicatorSql['params'] = {}): IndicatorSql {
  return { template: id, liveForm: false, sections: { ...NO_SECTIONS, ...sections }, params };
}

const PERIODS: Dimension[] = ['period:month', 'period:quarter', 'period:year'];
const CASE_DIMS: Dimension[] = ['country', ...PERIODS, 'sex', 'ageGroup', 'exploitation', 'citizenship', 'countryRole'];

function measureIndicator(id: string, title: string, kind: IndicatorKind, description: string, unit: IndicatorDefinition['unit'] = 'proportion'): IndicatorDefinition {
  return {
    id, title, kind, unit, basis: 'case', implicit: ['measure', 'sop'],
    dimensions: [...CASE_DIMS, 'measure', 'sop'], filters: ['country', 'measure', 'sop'], description, sql: sql(id),
  };
}

/**
 * referral.*: `reply` is the reply that counts (`received`: a receipt; `feedback`) and `window` the
 * delay it is due within, for the indicators that have one (its days are `{windowDays:UInt16}`).
 */
function referralIndicator(
  id: string, title: string, kind: IndicatorKind, reply: 'received' | 'feedback', window: keyof typeof REFERRAL_WINDOWS | undefined,
  description: string, sections: Partial<IndicatorSqlSections> = {},
): IndicatorDefinition {
  return {
    id, title, kind, unit: kind === 'proportion' ? 'proportion' : kind === 'count' ? 'referrals' : 'days', basis: 'event', implicit: [],
    dimensions: [...CASE_DIMS, 'toCountry'], filters: ['country', 'toCountry'], description,
    sql: sql(id, sections, { replyKind: reply, ...(window ? { windowDays: windowDays(window) } : {}) }),
  };
}

/** case.*: the cohort, which a `sop` filter restricts to the cases that entered a listed SOP. */
function caseIndicator(id: string, title: string, kind: IndicatorKind, unit: IndicatorDefinition['unit'], description: string): IndicatorDefinition {
  return {
    id, title, kind, unit, basis: 'case', implicit: [], dimensions: CASE_DIMS, filters: ['country', 'sop'], description,
    sql: sql(id, { sopEntered: true }),
  };
}

/** Every indicator of INDICATORS.md; the SQL of each is libs/indicators/sql/<id>.sql. */
export const INDICATORS: IndicatorDefinition[] = [
  measureIndicator('measure.compliance', 'Measure compliance', 'proportion', 'Of the cases a measure applies to (and not opted out), the share where the institution acted (offered, completed or declined).'),
  measureIndicator('measure.delivery', 'Measure delivery', 'proportion', 'Of the cases a measure applies to (and not opted out), the share where it was completed.'),
  measureIndicator('measure.timeliness', 'Measure timeliness', 'proportion', 'Of the cases where a measure with a deadline was done and its anchor is known, the share done by the deadline.'),
  measureIndicator('measure.sequence', 'Measure sequencing', 'proportion', 'Of the cases whose `before` measure was completed, the share where this measure was done no later.'),
  {
    id: 'sop.reach', title: 'SOP reach', kind: 'proportion', unit: 'proportion', basis: 'case', implicit: ['sop'],
    dimensions: [...CASE_DIMS, 'sop'], filters: ['country', 'sop'],
    description: 'Of the cohort, the share of cases that entered each SOP.', sql: sql('sop.reach'),
  },
  referralIndicator('referral.acknowledgement', 'Referral acknowledgement', 'proportion', 'received', 'receipt',
    `Of the referrals sent, the share recorded as received by the receiving country within ${windowDays('receipt')} days.`),
  referralIndicator('referral.feedback', 'Referral feedback', 'proportion', 'feedback', 'feedback',
    `Of the referrals sent, the share with feedback from the receiving country within ${windowDays('feedback')} days.`),
  {
    ...measureIndicator('measure.days_to', 'Days to measure', 'distribution', 'Days from the anchor to the measure being done, over the timeliness denominator.', 'days'),
    sql: { ...sql('measure.days_to'), liveForm: true },
  },
  referralIndicator('referral.days_to_acknowledgement', 'Days to referral acknowledgement', 'distribution', 'received', undefined, 'Days from sending to the first matching acknowledgement, over referrals that have one.'),
  {
    id: 'data.reporting_lag', title: 'Reporting lag', kind: 'distribution', unit: 'days', basis: 'event', implicit: [],
    dimensions: CASE_DIMS, filters: ['country'],
    description: 'Days between an event happening and it being recorded, over effective events.', sql: sql('data.reporting_lag'),
  },
  caseIndicator('case.measures_used', 'Measures used per case', 'distribution', 'measures', 'Per cohort case, the number of distinct measures done.'),
  caseIndicator('case.count', 'Cases', 'count', 'cases', 'Cohort cases.'),
  {
    ...measureIndicator('measure.overdue', 'Overdue measures', 'count', 'Cases where a measure with a deadline is past due, not done, and the case was not closed before the due time.'),
    unit: 'cases', sql: { ...sql('measure.overdue', { openedBeforeAsOf: true }), caseIdsTemplate: 'measure.overdue.cases' },
  },
  // INDICATORS.md "Referrals seen from both sides".
  referralIndicator('referral.unacknowledged', 'Referrals not acknowledged', 'count', 'received', 'receipt',
    `Referrals sent more than ${windowDays('receipt')} days ago that the receiving country has not recorded as received.`),
  referralIndicator('referral.without_feedback', 'Referrals without feedback', 'count', 'feedback', 'feedback',
    `Referrals sent more than ${windowDays('feedback')} days ago without feedback from the receiving country.`),
  {
    ...referralIndicator('referral.feedback_outcome', 'Referral feedback outcomes', 'proportion', 'feedback', undefined,
      'Of the referrals with feedback, the share whose first feedback reports each outcome.', { firstOutcome: true }),
    implicit: ['outcome'], dimensions: [...CASE_DIMS, 'toCountry', 'outcome'],
  },
  // INDICATORS.md "Outcomes and attrition".
  caseIndicator('case.closure', 'Case closure', 'proportion', 'proportion', 'Of the cohort, the share of cases closed.'),
  {
    ...caseIndicator('case.closure_reason', 'Case closure reasons', 'proportion', 'proportion', 'Of the closed cohort cases, the share closed (first closure) for each reason.'),
    implicit: ['closureReason'], dimensions: [...CASE_DIMS, 'closureReason'],
  },
  caseIndicator('case.days_to_closure', 'Days to closure', 'distribution', 'days', 'Days from opening to the first closure, over closed cohort cases.'),
  caseIndicator('case.stalled', 'Stalled cases', 'count', 'cases', 'Open cohort cases whose latest event occurred more than 60 days before the knowledge time.'),
];

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.id === id);
}
