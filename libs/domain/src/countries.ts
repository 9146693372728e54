// ISO 3166-1 alpha-2 officially assigned codes (249, as in Debian iso-codes' iso_3166-1.json),
// plus XK, the user-assigned code the EU and the TRM use for Kosovo. Closed list: a typo in a
// country code must be rejected at the schema step, not counted as a new country.
const ISO_3166_1_ALPHA_2 = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`;

/** Every country code the contract accepts (`country`, `toCountry`, `fromCountry`), sorted. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  [...ISO_3166_1_ALPHA_2.trim().split(/\s+/), 'XK'].sort(),
);

/** `citizenship` also accepts `unknown` (INDICATORS.md counts it as foreign). */
export const CITIZENSHIP_VALUES: readonly string[] = Object.freeze([...COUNTRY_CODES, 'unknown']);

/**
 * The TRM's countries (CATALOGUE.md "Countries"), in its order: the first ten, TRM-EU's additions,
 * then frequent destination partners. The default Kafka topics and the generated test histories
 * draw on it; the schema accepts every code of COUNTRY_CODES.
 */
export const TRM_COUNTRIES: readonly string[] = Object.freeze([
  'AL', 'BA', 'BG', 'HR', 'XK', 'MK', 'MD', 'ME', 'RO', 'RS',
  'CZ', 'HU', 'IT', 'PT',
  'AT', 'DE', 'GR', 'ES', 'FR', 'NL', 'CY', 'UA', 'TR',
]);

const countrySet: ReadonlySet<string> = new Set(COUNTRY_CODES);

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && countrySet.has(value);
}
