// Cohorts and period/country filters (INDICATORS.md "Cohort").
import type { IndicatorQuery } from '../../../indicators/src/indicator.types';
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
