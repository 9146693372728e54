// Who the person in a demo case is: the anonymised profile of case.opened (age band, sex,
// citizenship, forms of exploitation, the reporting country's role). No personal data exists here
// to begin with; the profile is only ever a set of vocabulary values.
import type { AgeBand, CountryRole, ExploitationForm, Profile, Sex } from '@trm/domain';
import {
  EXPLOITATION_ORDER, THIRD_COUNTRIES, TRANSIT_NATIONALITIES, type CountryProfile, type Nationality,
} from './country-profiles';
import { Weighted, type Prng } from './prng';

const CHILD_AGES = new Weighted<AgeBand | 'presumed'>([['0-11', 12], ['12-14', 25], ['15-17', 53], ['presumed', 10]]);
const ADULT_AGES = new Weighted<AgeBand>([
  ['18-24', 36], ['25-34', 30], ['35-44', 15], ['45-54', 7], ['55+', 3], ['unknown', 9],
]);
const CHILD_FORMS = new Weighted<ExploitationForm>([
  ['sexual', 45], ['labour', 8], ['domestic_servitude', 4], ['begging', 18], ['criminal_activities', 15],
  ['forced_marriage', 7], ['other', 3],
]);
/** Sex given the main form of exploitation: female, male, other, unknown. */
const SEX_BY_FORM: Record<ExploitationForm, Weighted<Sex>> = {
  sexual: sexMix(90, 8, 1, 1),
  labour: sexMix(30, 68, 0.5, 1.5),
  domestic_servitude: sexMix(85, 14, 0, 1),
  begging: sexMix(43, 55, 0, 2),
  criminal_activities: sexMix(33, 65, 0, 2),
  forced_marriage: sexMix(97, 3, 0, 0),
  organ_removal: sexMix(30, 70, 0, 0),
  other: sexMix(50, 47, 1, 2),
};
function sexMix(female: number, male: number, other: number, unknown: number): Weighted<Sex> {
  return new Weighted<Sex>([['female', female], ['male', male], ['other', other], ['unknown', unknown]]);
}
/** Forms that often come together with a main form (a person may be exploited in several ways). */
const SECONDARY: Record<ExploitationForm, readonly ExploitationForm[]> = {
  sexual: ['labour', 'domestic_servitude', 'criminal_activities', 'forced_marriage'],
  labour: ['domestic_servitude', 'criminal_activities', 'begging', 'sexual'],
  domestic_servitude: ['sexual', 'labour', 'forced_marriage'],
  begging: ['criminal_activities', 'labour', 'sexual'],
  criminal_activities: ['begging', 'labour', 'sexual'],
  forced_marriage: ['domestic_servitude', 'sexual'],
  organ_removal: ['labour'],
  other: ['labour', 'sexual'],
};
const THIRD = new Weighted(THIRD_COUNTRIES);
const TRANSIT = new Weighted(TRANSIT_NATIONALITIES);
const ROLES: readonly CountryRole[] = ['origin', 'transit', 'destination'];

/** Per-country tables, built once. */
export interface CountryTables {
  roles: Weighted<CountryRole>;
  adultForms: Weighted<ExploitationForm>;
  nationalities: Weighted<Nationality>;
}
export function countryTables(cp: CountryProfile): CountryTables {
  return {
    roles: new Weighted(ROLES.map((r, i) => [r, cp.roles[i]] as const)),
    adultForms: new Weighted(EXPLOITATION_ORDER.map((f, i) => [f, cp.forms[i]] as const)),
    nationalities: new Weighted(cp.nationalities),
  };
}

/** The profile of a case a country identifies itself (not opened in answer to a referral). */
export function drawProfile(rng: Prng, cp: CountryProfile, tables: CountryTables): Profile {
  const countryRole = tables.roles.pick(rng);
  let citizenship: string;
  if (countryRole === 'origin') citizenship = cp.code;
  else if (countryRole === 'transit') {
    citizenship = rng.chance(0.12) ? tables.nationalities.pick(rng) : TRANSIT.pick(rng);
    if (citizenship === 'own' || citizenship === 'third') citizenship = 'unknown';
  } else {
    const n = tables.nationalities.pick(rng);
    citizenship = n === 'own' ? cp.code : n === 'third' ? THIRD.pick(rng) : n;
  }
  const childShare = countryRole === 'origin' ? cp.childShare * 1.15 : countryRole === 'transit' ? cp.childShare * 0.8 : cp.childShare;
  const child = rng.chance(childShare);
  let ageBand: AgeBand;
  let presumedMinor: boolean | undefined;
  if (child) {
    const a = CHILD_AGES.pick(rng);
    if (a === 'presumed') {
      ageBand = 'unknown';
      presumedMinor = true;
    } else ageBand = a;
  } else {
    ageBand = ADULT_AGES.pick(rng);
    // Some national systems always send the flag.
    if (rng.chance(0.06)) presumedMinor = false;
  }
  const main = child ? CHILD_FORMS.pick(rng) : tables.adultForms.pick(rng);
  const exploitation: ExploitationForm[] = [main];
  if (rng.chance(0.28)) {
    const more = SECONDARY[main];
    exploitation.push(more[rng.int(more.length)]);
    if (rng.chance(0.2)) {
      const third = rng.pick(EXPLOITATION_ORDER.slice(0, 6));
      if (!exploitation.includes(third)) exploitation.push(third);
    }
  }
  const sex = SEX_BY_FORM[main].pick(rng);
  const profile: Profile = { ageBand, sex, citizenship, exploitation, countryRole };
  if (presumedMinor !== undefined) profile.presumedMinor = presumedMinor;
  return profile;
}

/**
 * The profile of the case a receiving country opens for a person referred to it: the same person,
 * seen from the other side (citizenship and role change, the rest is kept).
 */
export function linkedProfile(sender: Profile, senderCountry: string, receiver: string): Profile {
  const origin = sender.citizenship === receiver;
  const profile: Profile = {
    ageBand: sender.ageBand,
    sex: sender.sex,
    citizenship: origin ? receiver : senderCountry,
    exploitation: [...sender.exploitation],
    countryRole: origin ? 'origin' : 'destination',
  };
  if (sender.presumedMinor !== undefined) profile.presumedMinor = sender.presumedMinor;
  return profile;
}
