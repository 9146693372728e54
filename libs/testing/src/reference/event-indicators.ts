// Event-based indicators: referral.* and data.reporting_lag.
import type { EventOfType } from '@trm/domain';
import type { IndicatorQuery, IndicatorRow } from '../../../indicators/src/indicator.types';
import { inPeriod, passesCountry, passesReferral } from './cohort';
import { dimensionsOf, groupingFor, Groups } from './grouping';
import { DAY_MS, instant } from './knowledge';
import type { Knowledge, LiveCase } from './knowledge';

type Sent = EventOfType<'referral.sent'>;
type Received = EventOfType<'referral.received'>;
type Feedback = EventOfType<'referral.feedback'>;

/** Effective referral.sent events of live cases with from ≤ occurredAt < to, passing the referral filters. */
export function sentInScope(k: Knowledge, q: IndicatorQuery): { sent: Sent; sender: LiveCase }[] {
  const out: { sent: Sent; sender: LiveCase }[] = [];
  for (const e of k.events) {
    if (e.data.type !== 'referral.sent') continue;
    if (!inPeriod(instant(e.data.occurredAt), q) || !passesReferral(e.data.country, e.data.toCountry, q)) continue;
    out.push({ sent: e.data, sender: k.cases.get(e.data.caseId) as LiveCase });
  }
  return out;
}

/** Effective referral.received of the same referralId, by the receiving country, naming the sender. */
export function matchingReceived(k: Knowledge, sent: Sent): Received[] {
  return k.events
    .map((e) => e.data)
    .filter((d): d is Received => d.type === 'referral.received')
    .filter((r) => r.referralId === sent.referralId && r.country === sent.toCountry && r.fromCountry === sent.country);
}

/** Effective referral.feedback of the same referralId, by the receiving country, to the sender. */
export function matchingFeedback(k: Knowledge, sent: Sent): Feedback[] {
  return k.events
    .map((e) => e.data)
    .filter((d): d is Feedback => d.type === 'referral.feedback')
    .filter((f) => f.referralId === sent.referralId && f.country === sent.toCountry && f.toCountry === sent.country);
}

/** referral.acknowledgement, referral.feedback, referral.days_to_acknowledgement. */
export function referralIndicator(k: Knowledge, id: string, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: true });
  for (const { sent, sender } of sentInScope(k, q)) {
    const sentAt = instant(sent.occurredAt);
    const dims = dimensionsOf(sender, groupBy, sentAt, {}, sent.toCountry);
    const received = matchingReceived(k, sent).map((r) => instant(r.occurredAt));
    switch (id) {
      case 'referral.acknowledgement':
        // No lower bound: "within P7D after" is read as received ≤ sent + P7D (like done ≤ due).
        groups.proportion(dims, received.some((t) => t <= sentAt + 7 * DAY_MS), sent.eventId);
        break;
      case 'referral.feedback': {
        const feedback = matchingFeedback(k, sent).map((f) => instant(f.occurredAt));
        groups.proportion(dims, feedback.some((t) => t <= sentAt + 90 * DAY_MS), sent.eventId);
        break;
      }
      case 'referral.days_to_acknowledgement':
        if (received.length > 0) groups.value(dims, (Math.min(...received) - sentAt) / DAY_MS, sent.eventId);
        break;
      default:
        throw new Error(`not a referral indicator: ${id}`);
    }
  }
  return id === 'referral.days_to_acknowledgement' ? groups.distributionRows() : groups.proportionRows();
}

/** data.reporting_lag: recordedAt − occurredAt over effective events with from ≤ occurredAt < to. */
export function reportingLag(k: Knowledge, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: false });
  for (const e of k.events) {
    const occurredAt = instant(e.data.occurredAt);
    if (!inPeriod(occurredAt, q) || !passesCountry(e.data.country, q)) continue;
    const c = k.cases.get(e.data.caseId) as LiveCase;
    // Disclosure control: the unit is the event, but a row needs k distinct cases (its people).
    groups.value(dimensionsOf(c, groupBy, occurredAt), (instant(e.recordedAt) - occurredAt) / DAY_MS, e.data.eventId, c.caseId);
  }
  return groups.distributionRows();
}
