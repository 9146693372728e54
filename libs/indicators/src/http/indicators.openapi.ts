import { arr, bool, int, obj, ref, str } from '@trm/auth';
import type { QueryParam, Schema } from '@trm/auth';
import { INDICATORS } from '../indicator-definitions';
import { DIMENSIONS } from '../indicator.types';

/**
 * The query parameters of the indicator endpoints as the document states them, beside the parser
 * that checks them (indicator-params.ts): empty values mean absent, lists are comma-separated.
 */
/** A date (`YYYY-MM-DD`, 00:00 UTC) or an RFC 3339 date-time, 1970–2299. */
export const TIME = str({ pattern: '^(\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|z|[+-]\\d{2}:\\d{2}))?)?$', description: 'Empty means absent' });
const COUNTRY = str({ pattern: '^([A-Za-z]{2}(,[A-Za-z]{2})*)?$' });
const DIMENSION = `(${DIMENSIONS.join('|')})`;

export const INDICATOR_PARAMS: QueryParam[] = [
  { name: 'from', schema: TIME, description: 'Period start, inclusive: YYYY-MM-DD or RFC 3339 date-time' },
  { name: 'to', schema: TIME, description: 'Period end, exclusive' },
  { name: 'asOf', schema: TIME, description: 'Knowledge time (default now): only events recorded by then count' },
  { name: 'country', schema: arr(COUNTRY), style: 'form', explode: true, description: 'Repeatable or comma-separated' },
  { name: 'measure', schema: str({ pattern: '^(SOP[1-5]\\.[MC][0-9]{1,2}(,SOP[1-5]\\.[MC][0-9]{1,2})*)?$' }), description: 'Catalogue measure code(s), comma-separated (empty: all)' },
  { name: 'sop', schema: str({ pattern: '^([1-5](,[1-5])*)?$' }), description: 'SOP number(s) 1–5, comma-separated (empty: all)' },
  { name: 'groupBy', schema: str({ pattern: `^(${DIMENSION}(,${DIMENSION})*)?$` }), description: `Comma-separated among ${DIMENSIONS.join(', ')} (empty: none)` },
];

export const TO_COUNTRY_PARAM: QueryParam = {
  name: 'toCountry', schema: arr(COUNTRY), style: 'form', explode: true,
  description: 'Referral indicators: the receiving country, repeatable or comma-separated. A rapporteur may name senders (country) or receivers (toCountry) when either list lies within its countries; naming neither, it reads the referrals with its countries on either side',
};

/** GET /v1/referrals/open takes these and nothing else (parseOpenReferralParams). */
export const OPEN_REFERRAL_PARAMS: QueryParam[] = [
  { name: 'country', schema: arr(COUNTRY), style: 'form', explode: true, description: 'Senders' },
  TO_COUNTRY_PARAM,
  { name: 'asOf', schema: TIME },
];

export const INDICATOR_ID = str({ enum: INDICATORS.map((d) => d.id) });

export const INDICATOR_SCHEMAS: Record<string, Schema> = {
  IndicatorRow: {
    type: 'object', additionalProperties: true,
    properties: {
      numerator: { type: ['integer', 'null'] }, denominator: { type: ['integer', 'null'] }, value: { type: ['number', 'null'] },
      ci95: { type: ['array', 'null'], items: { type: 'number' } }, n: { type: ['integer', 'null'] }, median: { type: ['number', 'null'] },
      p90: { type: ['number', 'null'] }, count: { type: ['integer', 'null'] }, suppressed: bool(),
      caseIds: arr(str()),
    },
  },
  IndicatorAnswer: {
    type: 'object', required: ['asOf', 'rows'], additionalProperties: true,
    properties: {
      indicator: INDICATOR_ID, title: str(), unit: str(), asOf: str(), from: { type: ['string', 'null'] },
      to: { type: ['string', 'null'] }, catalogueVersion: str({ description: 'The shipped baseline (trm-baseline-1); see catalogueVersions' }),
      catalogueVersions: { ...arr(str()), description: 'The catalogue documents governing at least one case of the answer\'s cohort, sorted' },
      complete: bool(), rows: arr(ref('IndicatorRow')),
      disclosureControl: {
        type: 'object', description: 'Present when the figures are under disclosure control (managers: INDICATORS.md "Disclosure control")',
        properties: { k: int(), method: str({ enum: ['cell-key'] }), asOfRounded: bool() },
      },
    },
  },
};

export const INDICATOR_LIST = obj({ catalogueVersion: str(), indicators: arr(obj({ id: str(), title: str(), kind: str(), unit: str() }, ['id'])) }, ['indicators']);

export const OPEN_REFERRALS = obj({
  asOf: str(), complete: bool(),
  rows: arr(obj({
    referralId: str({ description: 'As stored (re-keyed at ingest)' }), country: str({ description: 'Sender' }), toCountry: str({ description: 'Receiver' }),
    sentAt: str(), state: str({ enum: ['unacknowledged', 'without_feedback'] }), ageDays: { type: 'number' },
    overdue: bool({ description: 'Past P7D without a receipt, or past P90D without feedback' }),
  }, ['referralId', 'country', 'toCountry', 'sentAt', 'state', 'ageDays', 'overdue'])),
}, ['rows']);
