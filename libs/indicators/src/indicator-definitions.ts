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
}

const PERIODS: Dimension[] = ['period:month', 'period:quarter', 'period:year'];
const CASE_DIMS: Dimension[] = ['country', ...PERIODS, 'sex', 'ageGroup', 'exploitation', 'citizenship', 'countryRole'];

function measureIndicator(id: string, title: string, kind: IndicatorKind, description: string, unit: IndicatorDefinition['unit'] = 'proportion'): IndicatorDefinition {
  return {
    id, title, kind, unit, basis: 'case', implicit: ['measure', 'sop'],
    dimensions: [...CASE_DIMS, 'measure', 'sop'], filters: ['country', 'measure', 'sop'], description,
  };
}

function referralIndicator(id: string, title: string, kind: IndicatorKind, description: string): IndicatorDefinition {
  return {
    id, title, kind, unit: kind === 'proportion' ? 'proportion' : kind === 'count' ? 'referrals' : 'days', basis: 'event', implicit: [],
    dimensions: [...CASE_DIMS, 'toCountry'], filters: ['country', 'toCountry'], description,
  };
}

/** case.*: the cohort, which a `sop` filter restricts to the cases that entered a listed SOP. */
function caseIndicator(id: string, title: string, kind: IndicatorKind, unit: IndicatorDefinition['unit'], description: string): IndicatorDefinition {
  return { id, title, kind, unit, basis: 'case', implicit: [], dimensions: CASE_DIMS, filters: ['country', 'sop'], description };
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
    description: 'Of the cohort, the share of cases that entered each SOP.',
  },
  referralIndicator('referral.acknowledgement', 'Referral acknowledgement', 'proportion', 'Of the referrals sent, the share recorded as received by the receiving country within 7 days.'),
  referralIndicator('referral.feedback', 'Referral feedback', 'proportion', 'Of the referrals sent, the share with feedback from the receiving country within 90 days.'),
  measureIndicator('measure.days_to', 'Days to measure', 'distribution', 'Days from the anchor to the measure being done, over the timeliness denominator.', 'days'),
  referralIndicator('referral.days_to_acknowledgement', 'Days to referral acknowledgement', 'distribution', 'Days from sending to the first matching acknowledgement, over referrals that have one.'),
  {
    id: 'data.reporting_lag', title: 'Reporting lag', kind: 'distribution', unit: 'days', basis: 'event', implicit: [],
    dimensions: CASE_DIMS, filters: ['country'],
    description: 'Days between an event happening and it being recorded, over effective events.',
  },
  caseIndicator('case.measures_used', 'Measures used per case', 'distribution', 'measures', 'Per cohort case, the number of distinct measures done.'),
  caseIndicator('case.count', 'Cases', 'count', 'cases', 'Cohort cases.'),
  { ...measureIndicator('measure.overdue', 'Overdue measures', 'count', 'Cases where a measure with a deadline is past due, not done, and the case was not closed before the due time.'), unit: 'cases' },
  // INDICATORS.md "Referrals seen from both sides".
  referralIndicator('referral.unacknowledged', 'Referrals not acknowledged', 'count', 'Referrals sent more than 7 days ago that the receiving country has not recorded as received.'),
  referralIndicator('referral.without_feedback', 'Referrals without feedback', 'count', 'Referrals sent more than 90 days ago without feedback from the receiving country.'),
  {
    ...referralIndicator('referral.feedback_outcome', 'Referral feedback outcomes', 'proportion', 'Of the referrals with feedback, the share whose first feedback reports each outcome.'),
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
