import { CITIZENSHIP_VALUES, COUNTRY_CODES, EVENT_SCHEMA_V1, isCountryCode, TRM_COUNTRIES, validateSubmittedEvent } from '@trm/domain';
import { RECEIVED_AT, valid } from './fixtures';

describe('country codes', () => {
  it('are the 249 assigned ISO 3166-1 alpha-2 codes plus XK, sorted and distinct', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(new Set(COUNTRY_CODES).size).toBe(250);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const c of COUNTRY_CODES) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it('include every TRM and partner country named in CATALOGUE.md', () => {
    const named = 'AL BA BG HR XK MK MD ME RO RS CZ HU IT PT AT DE GR ES FR NL CY UA TR'.split(' ');
    for (const c of named) expect(isCountryCode(c)).toBe(true);
    expect(TRM_COUNTRIES).toEqual(named);
  });

  it('exclude reserved, withdrawn and made-up codes', () => {
    for (const c of ['UK', 'EU', 'EL', 'YU', 'CS', 'AN', 'XX', 'ZZ', 'it', 'ITA', '']) expect(isCountryCode(c)).toBe(false);
    expect(isCountryCode(undefined)).toBe(false);
  });

  it('citizenship adds only unknown', () => {
    expect(CITIZENSHIP_VALUES).toEqual([...COUNTRY_CODES, 'unknown']);
  });

  it('are exactly what the schema accepts for country, toCountry and fromCountry', () => {
    for (const country of COUNTRY_CODES) {
      expect(validateSubmittedEvent({ ...valid.referralSent(), country, toCountry: country }, RECEIVED_AT).ok).toBe(true);
      expect(validateSubmittedEvent({ ...valid.referralReceived(), fromCountry: country }, RECEIVED_AT).ok).toBe(true);
    }
    const defs = (EVENT_SCHEMA_V1 as { $defs: Record<string, { properties: Record<string, { enum?: unknown }> }> }).$defs;
    expect(defs['referral.sent'].properties.toCountry.enum).toEqual(COUNTRY_CODES);
  });
});
