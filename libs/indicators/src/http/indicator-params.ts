import { DIMENSIONS } from '../indicator.types';
import type { Dimension, IndicatorQuery } from '../indicator.types';
import { IndicatorQueryError } from '../indicator-query.builder';
import type { OpenReferralQuery } from '../open-referrals';

export type RawParams = Record<string, string | string[] | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

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
    const d = new Date(DATE.test(s) ? `${s}T00:00:00Z` : s);
    if (!Number.isNaN(d.getTime())) return d;
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
  if (unknown.length) throw new IndicatorQueryError(`unknown parameter ${unknown.join(', ')} (country, toCountry, asOf)`);
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
