import { chDateTime64 } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { durationMs } from '@trm/domain';
import { REFERRAL_WINDOWS } from './indicator-definitions';
import { INDICATOR_SQL } from './indicator-sql';
import type { IndicatorQuery } from './indicator.types';

const DAY_MS = 86_400_000;

/** One referral still open as of T (CONTRACT.md "Referrals still open"). */
export interface OpenReferral {
  /** As the store holds it (re-keyed at ingest). */
  referralId: string;
  /** The sender. */
  country: string;
  toCountry: string;
  sentAt: string;
  /** `unacknowledged`: no receipt; `without_feedback`: received, no feedback yet. */
  state: 'unacknowledged' | 'without_feedback';
  ageDays: number;
  /** Past the receipt window (P7D) without a receipt, or past the feedback window (P90D) without feedback. */
  overdue: boolean;
}

export type OpenReferralQuery = Pick<IndicatorQuery, 'asOf' | 'countries' | 'toCountries' | 'eitherSide'>;

/** The open referrals as of q.asOf, oldest first (then by referralId). */
export async function openReferrals(warehouse: Warehouse, db: string, q: OpenReferralQuery): Promise<OpenReferral[]> {
  const sql = INDICATOR_SQL.render('referrals-open', {
    countries: (q.countries?.length ?? 0) > 0,
    toCountries: (q.toCountries?.length ?? 0) > 0,
    eitherSide: q.eitherSide !== undefined,
  });
  const rows = await warehouse.query<{ referralId: string; country: string; toCountry: string; sent_ms: string | number; received: number | string }>(sql, {
    db, asOf: chDateTime64(q.asOf),
    countries: q.countries ?? [], toCountries: q.toCountries ?? [], eitherSide: q.eitherSide ?? [],
  });
  const T = q.asOf.getTime();
  return rows.map((r) => {
    const sentMs = Number(r.sent_ms);
    const received = Number(r.received) === 1;
    const age = T - sentMs;
    return {
      referralId: r.referralId, country: r.country, toCountry: r.toCountry, sentAt: new Date(sentMs).toISOString(),
      state: received ? 'without_feedback' : 'unacknowledged',
      ageDays: age / DAY_MS,
      overdue: age > durationMs(received ? REFERRAL_WINDOWS.feedback : REFERRAL_WINDOWS.receipt),
    };
  });
}
