import { parseRfc3339 } from '@trm/domain';
import { DIMENSIONS } from '../indicator.types';
import type { Dimension, IndicatorQuery } from '../indicator.types';
import { IndicatorQueryError } from '../indicator-query.builder';
import type { OpenReferralQuery } from '../open-referrals';

export type RawParams = Record<string, string | string[] | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
/** Query times the warehouse's parameters take (UInt64 milliseconds, DateTime64): 1970 to 2299. */
const EARLIEST_QUERY_MS = 0;
const LATEST_QUERY_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/** Repeatable or comma-separated values. */
export function list(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** `YYYY-MM-DD` (00:00 UTC that day) or an RFC 3339 date-time with offset. */
export function instant(name: string, v: string | string[] | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const s = Array.isArray(v) ? v[0] : v;
  if (DATE.test(s) || DATE_TIME.test(s)) {
    // The same strict parser as ingest: no 30 February rolled over into March, no offset +25:00.
    const full = DATE.test(s) ? `${s}T00:00:00Z` : /^.{16}(Z|[+-])/i.test(s) ? `${s.slice(0, 16)}:00${s.slice(16)}` : s;
    const d = new Date(parseRfc3339(full));
    if (!Number.isNaN(d.getTime())) {
      if (d.getTime() < EARLIEST_QUERY_MS || d.getTime() > LATEST_QUERY_MS) {
        throw new IndicatorQueryError(`${name} must lie between 1970-01-01 and 2299-12-31`, 'out_of_range');
      }
      return d;
    }
  }
  throw new IndicatorQueryError(`${name} must be a date (YYYY-MM-DD) or an RFC 3339 date-time with offset`);
}

/** Two-letter country codes, repeatable or comma-separated. */
function countryList(name: string, v: string | string[] | undefined): string[] {
  const codes = list(v).map((c) => c.toUpperCase());
  for (const c of codes) if (!/^[A-Z]{2}$/.test(c)) throw new IndicatorQueryError(`${name} must be a two-letter code (got ${c.slice(0, 8)})`);
  return codes;
}

/** GET /v1/referrals/open: `country` (senders), `toCountry` (receivers), `asOf`; nothing else. */
export function parseOpenReferralParams(raw: RawParams, now: Date): OpenReferralQuery {
  const unknown = Object.keys(raw).filter((p) => !['country', 'toCountry', 'asOf'].includes(p));
  // Parameter names are the reader's text: counted, never repeated.
  if (unknown.length) throw new IndicatorQueryError(`${unknown.length} unknown parameter(s): this endpoint takes country, toCountry and asOf`);
  const countries = countryList('country', raw.country);
  const toCountries = countryList('toCountry', raw.toCountry);
  const asOf = instant('asOf', raw.asOf) ?? now;
  return {
    asOf: asOf.getTime() > now.getTime() ? now : asOf,
    countries: countries.length ? countries : undefined,
    toCountries: toCountries.length ? toCountries : undefined,
  };
}

/** Parses the query string of CONTRACT.md §2 "Reading indicators"; asOf defaults to (and is capped at) now. */
export function parseIndicatorParams(raw: RawParams, now: Date): IndicatorQuery {
  const groupBy = list(raw.groupBy).map((d) => {
    if (!(DIMENSIONS as readonly string[]).includes(d)) {
      throw new IndicatorQueryError(`unknown groupBy dimension ${d} (one of ${DIMENSIONS.join(', ')})`);
    }
    return d as Dimension;
  });
  const countries = countryList('country', raw.country);
  const toCountries = countryList('toCountry', raw.toCountry);
  const sops = list(raw.sop).map((s) => {
    if (!/^[1-5]$/.test(s)) throw new IndicatorQueryError('sop must be 1–5');
    return Number(s);
  });
  const asOf = instant('asOf', raw.asOf) ?? now;
  return {
    asOf: asOf.getTime() > now.getTime() ? now : asOf,
    from: instant('from', raw.from),
    to: instant('to', raw.to),
    countries: countries.length ? countries : undefined,
    toCountries: toCountries.length ? toCountries : undefined,
    measures: list(raw.measure).length ? list(raw.measure) : undefined,
    sops: sops.length ? sops : undefined,
    groupBy,
  };
}
