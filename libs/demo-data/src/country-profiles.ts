// How each demo country behaves. Fixed data, not drawn from the seed, so that every demo data set
// tells the same story (which countries are slow, which referral loops close) and a rapporteur's
// comparison shows real contrasts. The figures are invented for illustration; they only aim to be
// plausible in size and direction (main corridors of South-East European victims to EU
// destinations, child shares, forms of exploitation by destination).
import type { ExploitationForm } from '@trm/domain';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { imul } = Math;

/** Pseudo-nationalities in a destination's mix: its own nationals, third-country nationals, not known. */
export type Nationality = string | 'own' | 'third' | 'unknown';

export interface CountryProfile {
  code: string;
  /** Relative share of newly identified cases (primary cases only). */
  weight: number;
  /** Change of that share over the period: +0.4 means 40% more at the end than at the start. */
  trend: number;
  /** Fraction of the period after which the country starts reporting (0 = from the start). */
  joinsAt: number;
  /** countryRole mix of its own (primary) cases: origin, transit, destination. */
  roles: readonly [number, number, number];
  childShare: number;
  /** Adult forms of exploitation, in EXPLOITATION_ORDER. */
  forms: readonly number[];
  /** Citizenship mix of destination cases. */
  nationalities: ReadonlyArray<readonly [Nationality, number]>;
  /** Delay multiplier for measures (1 = typical; 2 = twice as slow). */
  speed: number;
  /** Base probability that an expected measure is recorded. */
  delivery: number;
  /** Change in delivery over the period (and, inversely, in delays). */
  improve: number;
  /** Measures (or `SOPn` prefixes) the country is notably weak at. */
  weak: readonly string[];
  sop3: number;
  /** Share of foreign destination cases that go through an assisted return (SOP 4). */
  sop4: number;
  sop5: number;
  /** SOP1.M4: reflection period granted to foreign adults. */
  reflection: number;
  /** SOP5.M5: compensation claims among cases in proceedings. */
  compensation: number;
  /** Share of eligible cases for which a referral is sent to the other country. */
  referRate: number;
  /** As a receiving country: chance of opening its own case, and speed of doing so (1 = typical). */
  responsiveness: number;
  ackSpeed: number;
  /** As a receiving country: chance of sending feedback to the sender. */
  feedback: number;
  /** Share of cases that are ever formally closed. */
  closeRate: number;
  lostContact: number;
  /** Median reporting delay (hours) and the share of events reported weeks late. */
  lagHours: number;
  lateShare: number;
  /** Uploads once a month (a batch interface), so every event arrives days to weeks after it happened. */
  monthlyBatch: boolean;
  /** Per-event chance of a correction (retraction). */
  retractRate: number;
  /** The national system sends `catalogueVersion` explicitly. */
  sendsCatalogueVersion: boolean;
}

export const EXPLOITATION_ORDER: readonly ExploitationForm[] = [
  'sexual', 'labour', 'domestic_servitude', 'begging', 'criminal_activities', 'forced_marriage', 'organ_removal', 'other',
];

type Defaults = Omit<CountryProfile, 'code' | 'weight' | 'nationalities' | 'roles' | 'forms'>;
const base: Defaults = {
  trend: 0, joinsAt: 0, childShare: 0.2, speed: 1, delivery: 0.8, improve: 0.05, weak: [], sop3: 0.35, sop4: 0.25,
  sop5: 0.35, reflection: 0.75, compensation: 0.15, referRate: 0.4, responsiveness: 0.6, ackSpeed: 1, feedback: 0.5,
  closeRate: 0.85, lostContact: 0.15, lagHours: 8, lateShare: 0.05, monthlyBatch: false, retractRate: 0.011,
  sendsCatalogueVersion: false,
};

const ORIGIN_ROLES = [0.86, 0.02, 0.12] as const;
const SEE_FORMS = [0.5, 0.28, 0.06, 0.06, 0.04, 0.03, 0.003, 0.03] as const;

function profile(
  code: string, weight: number, roles: readonly [number, number, number], forms: readonly number[],
  nationalities: ReadonlyArray<readonly [Nationality, number]>, overrides: Partial<Defaults>,
): CountryProfile {
  return { ...base, ...overrides, code, weight, roles, forms, nationalities };
}

// Nationality mixes for the (fewer) cases where a Western Balkan country is the destination
// (domestic cases are `origin` cases there, so no `own`).
const WB = (own: string): ReadonlyArray<readonly [Nationality, number]> =>
  ([['AL', 10], ['BA', 12], ['RS', 12], ['XK', 10], ['MK', 8], ['ME', 4], ['UA', 8], ['MD', 4], ['third', 8], ['unknown', 4]] as const)
    .filter(([n]) => n !== own);

export const COUNTRY_PROFILES: readonly CountryProfile[] = [
  // South-East European countries of origin (the TRM's first ten, plus BG, RO and UA).
  profile('RO', 520, ORIGIN_ROLES, SEE_FORMS, [['MD', 45], ['UA', 20], ['third', 12], ['unknown', 5]],
    { childShare: 0.32, speed: 1.0, delivery: 0.83, responsiveness: 0.8, ackSpeed: 0.7, feedback: 0.7, lagHours: 6, sendsCatalogueVersion: true }),
  profile('BG', 330, ORIGIN_ROLES, [0.62, 0.2, 0.04, 0.06, 0.03, 0.02, 0.003, 0.03], [['UA', 30], ['MK', 10], ['MD', 10], ['third', 15], ['unknown', 5]],
    { childShare: 0.27, speed: 1.3, delivery: 0.74, improve: 0.12, weak: ['SOP2.M3', 'SOP5'], responsiveness: 0.7, feedback: 0.45, lateShare: 0.09 }),
  profile('UA', 220, [0.82, 0.05, 0.13], [0.36, 0.46, 0.06, 0.03, 0.04, 0.02, 0.002, 0.03], [['MD', 30], ['third', 15], ['unknown', 8]],
    { trend: 0.6, joinsAt: 0.2, childShare: 0.18, speed: 2.0, delivery: 0.6, improve: 0.3, weak: ['SOP3', 'SOP1.M5'], responsiveness: 0.45, ackSpeed: 1.8, feedback: 0.3, lateShare: 0.14, retractRate: 0.02 }),
  profile('AL', 160, [0.8, 0.04, 0.16], [0.58, 0.22, 0.05, 0.07, 0.03, 0.04, 0.002, 0.01], WB('AL'),
    { childShare: 0.3, speed: 1.6, delivery: 0.72, improve: 0.25, weak: ['SOP5.M5'], responsiveness: 0.6, ackSpeed: 1.2, feedback: 0.5, lagHours: 20 }),
  profile('MD', 110, [0.9, 0.02, 0.08], [0.45, 0.4, 0.06, 0.03, 0.02, 0.02, 0.005, 0.02], WB('MD'),
    { childShare: 0.2, speed: 1.2, delivery: 0.85, improve: 0.2, responsiveness: 0.75, ackSpeed: 0.8, feedback: 0.75, sendsCatalogueVersion: true }),
  profile('RS', 85, [0.7, 0.12, 0.18], SEE_FORMS, WB('RS'),
    { childShare: 0.36, speed: 1.4, delivery: 0.77, weak: ['SOP2.M5'], responsiveness: 0.6, feedback: 0.55 }),
  profile('BA', 60, [0.66, 0.14, 0.2], [0.44, 0.2, 0.06, 0.18, 0.05, 0.05, 0.002, 0.02], WB('BA'),
    { childShare: 0.4, speed: 2.0, delivery: 0.6, weak: ['SOP3', 'SOP2.M8'], responsiveness: 0.45, ackSpeed: 1.6, feedback: 0.3, monthlyBatch: true, closeRate: 0.6 }),
  profile('MK', 45, [0.7, 0.14, 0.16], [0.5, 0.18, 0.06, 0.12, 0.04, 0.08, 0.002, 0.02], WB('MK'),
    { childShare: 0.38, speed: 1.5, delivery: 0.75, responsiveness: 0.55, feedback: 0.5 }),
  profile('XK', 45, [0.78, 0.04, 0.18], [0.55, 0.15, 0.06, 0.12, 0.05, 0.05, 0.002, 0.02], WB('XK'),
    { childShare: 0.42, speed: 1.7, delivery: 0.66, improve: 0.15, responsiveness: 0.5, ackSpeed: 1.4, feedback: 0.4, monthlyBatch: true }),
  profile('HR', 40, [0.45, 0.1, 0.45], [0.45, 0.38, 0.05, 0.04, 0.03, 0.02, 0.002, 0.03], WB('HR'),
    { childShare: 0.18, speed: 1.1, delivery: 0.8, responsiveness: 0.7, feedback: 0.6 }),
  profile('ME', 22, [0.55, 0.1, 0.35], SEE_FORMS, WB('ME'),
    { childShare: 0.3, speed: 1.9, delivery: 0.63, weak: ['SOP2.C1'], responsiveness: 0.5, ackSpeed: 1.5, feedback: 0.35, closeRate: 0.65 }),
  // EU countries of destination (TRM-EU partners and frequent destinations).
  profile('IT', 700, [0.03, 0.04, 0.93], [0.72, 0.18, 0.03, 0.03, 0.02, 0.01, 0.001, 0.01],
    [['RO', 30], ['AL', 22], ['BG', 10], ['MD', 8], ['UA', 6], ['RS', 3], ['XK', 3], ['MK', 2], ['BA', 2], ['own', 6], ['third', 14], ['unknown', 4]],
    { childShare: 0.15, speed: 1.4, delivery: 0.8, sop3: 0.45, sop4: 0.15, reflection: 0.65, referRate: 0.45, responsiveness: 0.5, feedback: 0.4, lagHours: 24 }),
  profile('DE', 620, [0.04, 0.03, 0.93], [0.6, 0.3, 0.03, 0.02, 0.03, 0.01, 0.001, 0.01],
    [['RO', 28], ['BG', 24], ['UA', 10], ['HU', 8], ['AL', 4], ['MD', 4], ['RS', 3], ['XK', 3], ['own', 12], ['third', 10], ['unknown', 3]],
    { childShare: 0.12, trend: 0.15, speed: 1.0, delivery: 0.88, sop4: 0.3, sop5: 0.6, compensation: 0.3, referRate: 0.5, responsiveness: 0.6, feedback: 0.55, lagHours: 4, sendsCatalogueVersion: true }),
  profile('NL', 650, [0.05, 0.05, 0.9], [0.5, 0.38, 0.04, 0.02, 0.04, 0.01, 0.001, 0.01],
    [['BG', 25], ['RO', 22], ['HU', 18], ['UA', 8], ['MD', 4], ['AL', 4], ['own', 10], ['third', 12], ['unknown', 3]],
    { childShare: 0.14, speed: 0.8, delivery: 0.92, sop3: 0.45, sop5: 0.5, compensation: 0.35, referRate: 0.6, responsiveness: 0.65, feedback: 0.6, lagHours: 2, retractRate: 0.006, sendsCatalogueVersion: true }),
  profile('FR', 560, [0.03, 0.05, 0.92], [0.65, 0.2, 0.06, 0.03, 0.05, 0.01, 0.001, 0.01],
    [['RO', 30], ['BG', 18], ['AL', 10], ['UA', 6], ['MD', 4], ['RS', 4], ['XK', 4], ['BA', 4], ['own', 8], ['third', 14], ['unknown', 4]],
    { childShare: 0.2, speed: 1.5, delivery: 0.75, improve: -0.1, weak: ['SOP1.M4', 'SOP2.M7'], referRate: 0.35, responsiveness: 0.45, feedback: 0.35, lagHours: 30, lateShare: 0.1 }),
  profile('ES', 420, [0.03, 0.04, 0.93], [0.68, 0.24, 0.03, 0.02, 0.01, 0.01, 0.001, 0.01],
    [['RO', 45], ['BG', 10], ['UA', 10], ['MD', 6], ['AL', 3], ['own', 6], ['third', 16], ['unknown', 4]],
    { childShare: 0.1, speed: 1.2, delivery: 0.82, sop4: 0.2, referRate: 0.4, responsiveness: 0.55, feedback: 0.5 }),
  profile('AT', 260, [0.02, 0.15, 0.83], [0.55, 0.32, 0.05, 0.04, 0.02, 0.01, 0.001, 0.01],
    [['RO', 25], ['HU', 20], ['BG', 15], ['RS', 8], ['BA', 6], ['UA', 6], ['MD', 4], ['XK', 4], ['own', 4], ['third', 6], ['unknown', 2]],
    { childShare: 0.12, speed: 0.9, delivery: 0.9, sop4: 0.3, referRate: 0.55, responsiveness: 0.65, feedback: 0.6, lagHours: 5 }),
  profile('GR', 170, [0.03, 0.22, 0.75], [0.62, 0.22, 0.04, 0.06, 0.02, 0.02, 0.002, 0.02],
    [['AL', 30], ['BG', 18], ['RO', 18], ['UA', 5], ['MD', 5], ['MK', 5], ['own', 6], ['third', 10], ['unknown', 3]],
    { childShare: 0.25, speed: 2.2, delivery: 0.62, improve: 0.15, weak: ['SOP1.M4', 'SOP3.M1', 'SOP5.M5'], sop4: 0.2, reflection: 0.4, referRate: 0.25, responsiveness: 0.4, feedback: 0.25, lagHours: 48, lateShare: 0.12, retractRate: 0.018 }),
  profile('PT', 150, [0.04, 0.03, 0.93], [0.3, 0.6, 0.04, 0.02, 0.02, 0.01, 0.001, 0.01],
    [['RO', 30], ['MD', 20], ['UA', 20], ['BG', 10], ['own', 8], ['third', 10], ['unknown', 2]],
    { childShare: 0.08, speed: 1.1, delivery: 0.85, sop3: 0.5, referRate: 0.35, responsiveness: 0.55, feedback: 0.5 }),
  profile('HU', 150, [0.55, 0.2, 0.25], [0.6, 0.28, 0.05, 0.03, 0.02, 0.01, 0.002, 0.01],
    [['UA', 35], ['RO', 30], ['RS', 15], ['own', 5], ['third', 10], ['unknown', 5]],
    { childShare: 0.24, speed: 1.8, delivery: 0.65, weak: ['SOP3', 'SOP1.M6'], reflection: 0.45, referRate: 0.3, responsiveness: 0.55, feedback: 0.45, lagHours: 36, closeRate: 0.7 }),
  profile('CZ', 110, [0.12, 0.08, 0.8], [0.3, 0.6, 0.04, 0.02, 0.02, 0.01, 0.001, 0.01],
    [['UA', 45], ['RO', 10], ['BG', 10], ['MD', 10], ['own', 15], ['third', 8], ['unknown', 2]],
    { childShare: 0.1, trend: 0.3, speed: 1.3, delivery: 0.78, referRate: 0.4, responsiveness: 0.55, feedback: 0.45 }),
  profile('CY', 80, [0.01, 0.04, 0.95], [0.55, 0.35, 0.06, 0.01, 0.01, 0.01, 0.001, 0.01],
    [['RO', 28], ['BG', 20], ['UA', 18], ['MD', 10], ['own', 2], ['third', 20], ['unknown', 2]],
    { joinsAt: 0.35, childShare: 0.06, speed: 2.5, delivery: 0.58, improve: -0.05, weak: ['SOP2.M3', 'SOP3'], sop4: 0.35, reflection: 0.5, referRate: 0.2, responsiveness: 0.4, feedback: 0.25, monthlyBatch: true, closeRate: 0.55, retractRate: 0.022 }),
];

export const DEMO_ORIGIN_COUNTRIES: readonly string[] = ['AL', 'BA', 'BG', 'HR', 'XK', 'MK', 'MD', 'ME', 'RO', 'RS', 'UA'];
export const DEMO_DESTINATION_COUNTRIES: readonly string[] = ['IT', 'DE', 'AT', 'GR', 'ES', 'FR', 'NL', 'CZ', 'HU', 'PT', 'CY'];

/** Third-country nationalities seen in the region (destination and transit cases). */
export const THIRD_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['NG', 30], ['VN', 10], ['CN', 10], ['PK', 8], ['BD', 8], ['MA', 8], ['PH', 8], ['TR', 6], ['IN', 6], ['AF', 6],
];
export const TRANSIT_NATIONALITIES: ReadonlyArray<readonly [string, number]> = [
  ['AF', 25], ['SY', 20], ['PK', 15], ['BD', 10], ['IQ', 10], ['MA', 8], ['NG', 6], ['unknown', 25],
];

/** EU member states: their nationals need no residence permit elsewhere in the EU. */
export const EU: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** Countries sharing a language: interpretation is then not applicable. */
const LANGUAGE_GROUPS: readonly string[][] = [['BA', 'HR', 'RS', 'ME'], ['RO', 'MD'], ['AT', 'DE'], ['GR', 'CY'], ['AL', 'XK']];
export function sameLanguage(a: string, b: string): boolean {
  return a === b || LANGUAGE_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

/**
 * How well a sender → receiver referral loop works, as a multiplier (≈0.5 poor … 1.4 good). A few
 * pairs with known bilateral cooperation are set; the others get a fixed pseudo-random factor so
 * that pairs differ without depending on the seed.
 */
const PAIR_FACTORS: Record<string, number> = {
  'IT>RO': 1.35, 'IT>AL': 1.25, 'IT>MD': 1.3, 'DE>BG': 1.2, 'DE>RO': 1.15, 'AT>RO': 1.3, 'AT>HU': 1.25, 'NL>BG': 1.4,
  'NL>HU': 1.2, 'ES>RO': 1.25, 'PT>MD': 1.3, 'GR>AL': 0.55, 'GR>BG': 0.7, 'FR>BG': 0.6, 'FR>AL': 0.65, 'CY>RO': 0.6,
  'CY>UA': 0.5, 'CZ>UA': 0.7, 'DE>UA': 0.8, 'IT>UA': 0.75, 'HU>UA': 0.6, 'HR>BA': 1.2, 'ME>AL': 0.6,
};
export function pairFactor(from: string, to: string): number {
  const fixed = PAIR_FACTORS[`${from}>${to}`];
  if (fixed !== undefined) return fixed;
  let h = 2166136261;
  for (const ch of `${from}>${to}`) h = imul(h ^ ch.charCodeAt(0), 16777619);
  return 0.75 + ((h >>> 0) % 1000) / 1000 * 0.5;
}

export const PROFILE_BY_CODE: ReadonlyMap<string, CountryProfile> = new Map(COUNTRY_PROFILES.map((p) => [p.code, p]));
