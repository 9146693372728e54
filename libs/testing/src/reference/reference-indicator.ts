// The entry points: one indicator as of q.asOf, and the gaps report.
import type { IndicatorQuery, IndicatorRow } from '../../../indicators/src/indicator.types';
import { caseCount, measureIndicator, measuresUsed, overdueGroups, sopReach } from './case-indicators';
import { referralIndicator, reportingLag } from './event-indicators';
import { cohort } from './cohort';
import { knowledgeAsOf } from './knowledge';
import type { ReferenceDocument } from './catalogue-documents';
import { outcomeIndicator } from './outcome-indicators';
import { referenceOpenReferrals, referralLoopIndicator } from './referral-loops';
import type { ReferenceOpenReferral } from './referral-loops';
import type { ReferenceEvent } from './knowledge';

export const REFERENCE_INDICATOR_IDS = [
  'measure.compliance', 'measure.delivery', 'measure.timeliness', 'measure.sequence', 'sop.reach',
  'referral.acknowledgement', 'referral.feedback', 'measure.days_to', 'referral.days_to_acknowledgement',
  'data.reporting_lag', 'case.measures_used', 'case.count', 'measure.overdue',
  'referral.unacknowledged', 'referral.without_feedback', 'referral.feedback_outcome',
  'case.closure', 'case.closure_reason', 'case.days_to_closure', 'case.stalled',
] as const;

/**
 * The rows of indicator `id` for query q, computed from `events` by reading INDICATORS.md literally,
 * each case under V(c) among the catalogue `documents` (default: `trm-baseline-1` alone).
 */
export function referenceIndicator(events: ReferenceEvent[], id: string, q: IndicatorQuery, documents?: readonly ReferenceDocument[]): IndicatorRow[] {
  const k = knowledgeAsOf(events, q.asOf, documents);
  switch (id) {
    case 'measure.compliance':
    case 'measure.delivery':
    case 'measure.timeliness':
    case 'measure.sequence':
    case 'measure.days_to':
      return measureIndicator(k, id, q);
    case 'measure.overdue':
      return overdueGroups(k, q).countRows();
    case 'sop.reach':
      return sopReach(k, q);
    case 'case.count':
      return caseCount(k, q);
    case 'case.measures_used':
      return measuresUsed(k, q);
    case 'referral.acknowledgement':
    case 'referral.feedback':
    case 'referral.days_to_acknowledgement':
      return referralIndicator(k, id, q);
    case 'referral.unacknowledged':
    case 'referral.without_feedback':
    case 'referral.feedback_outcome':
      return referralLoopIndicator(k, id, q);
    case 'case.closure':
    case 'case.closure_reason':
    case 'case.days_to_closure':
    case 'case.stalled':
      return outcomeIndicator(k, id, q);
    case 'data.reporting_lag':
      return reportingLag(k, q);
    default:
      throw new Error(`unknown indicator ${id}`);
  }
}

/**
 * An answer's `catalogueVersions` (INDICATORS.md): the sorted distinct ids of V(c) over the
 * answer's cohort — live cases as of T opened in [from, to) that pass the country filter — for
 * every indicator alike (the event-based ones included: the same cohort of the period and scope).
 */
export function referenceCatalogueVersions(
  events: ReferenceEvent[], q: IndicatorQuery, documents?: readonly ReferenceDocument[],
): string[] {
  const k = knowledgeAsOf(events, q.asOf, documents);
  return [...new Set(cohort(k, q).map((c) => c.rules.id))].sort();
}

export interface ReferenceGapRow {
  measure: string;
  sop: number;
  country?: string;
  count: number;
  caseIds?: string[];
}

/**
 * GET /v1/gaps: measure.overdue for every measure with a deadline, by measure (and by country when
 * q.groupBy includes `country`), with the sorted case ids when `withCases`.
 */
export function referenceGaps(
  events: ReferenceEvent[], q: IndicatorQuery, withCases: boolean, documents?: readonly ReferenceDocument[],
): ReferenceGapRow[] {
  const k = knowledgeAsOf(events, q.asOf, documents);
  const groupBy = q.groupBy.includes('country') ? (['country'] as const) : [];
  const groups = overdueGroups(k, { ...q, groupBy: [...groupBy] });
  return groups
    .sorted()
    .filter((g) => g.caseIds.size > 0)
    .map((g) => {
      const row: ReferenceGapRow = {
        measure: g.dims.measure as string,
        sop: g.dims.sop as number,
        ...(g.dims.country !== undefined ? { country: g.dims.country } : {}),
        count: g.caseIds.size,
      };
      if (withCases) row.caseIds = [...g.caseIds].sort();
      return row;
    });
}

/** GET /v1/referrals/open as of q.asOf (CONTRACT.md "Referrals still open"). */
export function referenceOpenReferralList(
  events: ReferenceEvent[],
  q: Pick<IndicatorQuery, 'asOf' | 'countries' | 'toCountries' | 'eitherSide'>,
): ReferenceOpenReferral[] {
  return referenceOpenReferrals(knowledgeAsOf(events, q.asOf), q);
}
