// INDICATORS.md "Referrals seen from both sides": referral.unacknowledged, referral.without_feedback,
// referral.feedback_outcome, and the open referrals of CONTRACT.md (GET /v1/referrals/open).
import { REFERRAL_OUTCOMES } from '@trm/domain';
import type { IndicatorQuery, IndicatorRow } from '../../../indicators/src/indicator.types';
import { sentInScope, matchingFeedback, matchingReceived } from './event-indicators';
import { dimensionsOf, groupingFor, Groups } from './grouping';
import { DAY_MS, instant } from './knowledge';
import type { Knowledge } from './knowledge';

type Feedback = ReturnType<typeof matchingFeedback>[number];

/** The first feedback: earliest occurredAt, then earliest recordedAt, then smallest eventId. */
function firstFeedback(k: Knowledge, feedback: Feedback[]): Feedback | undefined {
  const recordedAt = new Map(k.events.map((e) => [e.data.eventId, instant(e.recordedAt)]));
  return [...feedback].sort((a, b) =>
    instant(a.occurredAt) - instant(b.occurredAt)
    || (recordedAt.get(a.eventId) as number) - (recordedAt.get(b.eventId) as number)
    || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0))[0];
}

export function referralLoopIndicator(k: Knowledge, id: string, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: true });
  for (const { sent, sender } of sentInScope(k, q)) {
    const sentAt = instant(sent.occurredAt);
    const dims = (implicit = {}) => dimensionsOf(sender, groupBy, sentAt, implicit, sent.toCountry);
    switch (id) {
      case 'referral.unacknowledged':
        if (sentAt + 7 * DAY_MS < k.asOf && matchingReceived(k, sent).length === 0) groups.count(dims(), sent.eventId);
        break;
      case 'referral.without_feedback':
        if (sentAt + 90 * DAY_MS < k.asOf && matchingFeedback(k, sent).length === 0) groups.count(dims(), sent.eventId);
        break;
      case 'referral.feedback_outcome': {
        const first = firstFeedback(k, matchingFeedback(k, sent));
        if (!first) break;
        for (const outcome of REFERRAL_OUTCOMES) groups.proportion(dims({ outcome }), first.outcome === outcome, sent.eventId);
        break;
      }
      default:
        throw new Error(`not a referral loop indicator: ${id}`);
    }
  }
  return id === 'referral.feedback_outcome' ? groups.proportionRows() : groups.countRows();
}

export interface ReferenceOpenReferral {
  referralId: string;
  country: string;
  toCountry: string;
  sentAt: string;
  state: 'unacknowledged' | 'without_feedback';
  ageDays: number;
  overdue: boolean;
}

/**
 * GET /v1/referrals/open: every referral without a receipt, or received without feedback, as of
 * T, oldest first (then by referralId). Filters as for the referral indicators (no period).
 */
export function referenceOpenReferrals(k: Knowledge, q: Pick<IndicatorQuery, 'countries' | 'toCountries' | 'eitherSide'>): ReferenceOpenReferral[] {
  const out: ReferenceOpenReferral[] = [];
  for (const { sent } of sentInScope(k, { ...q, asOf: new Date(k.asOf), groupBy: [] })) {
    const received = matchingReceived(k, sent).length > 0;
    if (received && matchingFeedback(k, sent).length > 0) continue;
    const sentAt = instant(sent.occurredAt);
    const age = k.asOf - sentAt;
    out.push({
      referralId: sent.referralId, country: sent.country, toCountry: sent.toCountry,
      sentAt: new Date(sentAt).toISOString(),
      state: received ? 'without_feedback' : 'unacknowledged',
      ageDays: age / DAY_MS,
      overdue: age > (received ? 90 : 7) * DAY_MS,
    });
  }
  return out.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || (a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0));
}
