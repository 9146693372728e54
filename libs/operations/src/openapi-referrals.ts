// OpenAPI additions of issue 16 (referrals seen from both sides), kept apart from openapi.ts so
// the two edits there (the toCountry parameter, the open-referrals path) are easy to re-apply.

const json = (schema: object) => ({ 'application/json': { schema } });
const err = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });

/** `toCountry`: the receiver of a referral (referral indicators only; 400 elsewhere). */
export const TO_COUNTRY_PARAM = {
  name: 'toCountry', in: 'query', schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true,
  description: 'Referral indicators: the receiving country, repeatable or comma-separated. A rapporteur may name senders (country) or receivers (toCountry) when either list lies within its countries; naming neither, it reads the referrals with its countries on either side',
};

const OPEN_REFERRAL = {
  type: 'object', required: ['referralId', 'country', 'toCountry', 'sentAt', 'state', 'ageDays', 'overdue'],
  properties: {
    referralId: { type: 'string', description: 'As stored (re-keyed at ingest)' },
    country: { type: 'string', description: 'Sender' }, toCountry: { type: 'string', description: 'Receiver' },
    sentAt: { type: 'string', format: 'date-time' },
    state: { type: 'string', enum: ['unacknowledged', 'without_feedback'] },
    ageDays: { type: 'number' },
    overdue: { type: 'boolean', description: 'Past P7D without a receipt, or past P90D without feedback' },
  },
};

/** GET /v1/referrals/open (CONTRACT.md "Referrals still open"). */
export const OPEN_REFERRALS_PATH = {
  '/v1/referrals/open': {
    get: {
      summary: 'Referrals still open as of asOf, oldest first (rapporteurs of either side, auditors; access-logged)',
      parameters: [
        { name: 'country', in: 'query', schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true, description: 'Senders' },
        TO_COUNTRY_PARAM,
        { name: 'asOf', in: 'query', schema: { type: 'string' }, description: 'Knowledge time (default now)' },
      ],
      responses: {
        200: { description: 'Open referrals', content: json({ type: 'object', properties: { asOf: { type: 'string' }, complete: { type: 'boolean' }, rows: { type: 'array', items: OPEN_REFERRAL } } }) },
        400: err('Unknown parameter or malformed country'),
        403: err('Manager or submitter key, or neither country nor toCountry within the key\'s countries'),
      },
    },
  },
};
