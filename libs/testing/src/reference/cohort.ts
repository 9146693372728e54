// Cohorts and period/country filters (INDICATORS.md "Cohort").
import type { IndicatorQuery } from '../../../indicators/src/indicator.types';
import { entered } from './knowledge';
import type { Knowledge, LiveCase } from './knowledge';

/** from ≤ t < to; a missing bound is unbounded. */
export function inPeriod(t: number, q: Pick<IndicatorQuery, 'from' | 'to'>): boolean {
  if (q.from && t < q.from.getTime()) return false;
  if (q.to && t >= q.to.getTime()) return false;
  return true;
}

/** The country filter; absent or empty means every country. */
export function passesCountry(country: string, q: Pick<IndicatorQuery, 'countries'>): boolean {
  return !q.countries?.length || q.countries.includes(country);
}

/** Live cases with from ≤ openedAt < to, in the filtered countries. */
export function cohort(k: Knowledge, q: IndicatorQuery): LiveCase[] {
  return [...k.cases.values()].filter((c) => inPeriod(c.openedAt, q) && passesCountry(c.country, q));
}

/** measure.overdue's cohort: live cases opened before T, within [from, to) when given. */
export function overdueCohort(k: Knowledge, q: IndicatorQuery): LiveCase[] {
  return cohort(k, q).filter((c) => c.openedAt < k.asOf);
}

/** The cohort of case.* indicators: a `sop` filter keeps the cases with entered(c, s) for a listed s. */
export function caseCohort(k: Knowledge, q: IndicatorQuery): LiveCase[] {
  return cohort(k, q).filter((c) => !q.sops?.length || q.sops.some((s) => entered(c, s)));
}

/**
 * Referral filters (INDICATORS.md "Referrals seen from both sides"): `countries` are senders,
 * `toCountries` receivers, `eitherSide` keeps referrals with the sender or the receiver in it.
 */
export function passesReferral(sender: string, receiver: string, q: IndicatorQuery): boolean {
  if (!passesCountry(sender, q)) return false;
  if (q.toCountries?.length && !q.toCountries.includes(receiver)) return false;
  if (q.eitherSide && !q.eitherSide.includes(sender) && !q.eitherSide.includes(receiver)) return false;
  return true;
}
