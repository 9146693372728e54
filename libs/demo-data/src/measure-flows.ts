// The paths a case takes through the five SOPs. Every measure is recorded only where the catalogue
// says it applies to the case (child measures on child cases only, SOP1.M4 / SOP2.M7 for foreign
// adults, SOP4.M6–M8 in countries of origin), with the deadlines of CATALOGUE.md in mind: a
// country's tempo decides how often they are met.
import { DEMO_DESTINATION_COUNTRIES, DEMO_ORIGIN_COUNTRIES, EU, sameLanguage } from './country-profiles';
import type { CaseContext } from './case-context';
import { DAY, FEEDBACK, HOUR, RECEIVED, type LinkRequest } from './planned';
import type { Prng } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { max, min, sqrt } = Math;
const { isNaN } = Number;
const NAN = Number.NaN;

/** Countries that take part in the demo, so a referral to them can be answered. */
const PARTNERS: ReadonlySet<string> = new Set([...DEMO_ORIGIN_COUNTRIES, ...DEMO_DESTINATION_COUNTRIES]);

/** What the closure step needs to know about the path a case took. */
export interface PathSummary {
  kind: 'primary' | 'returned' | 'remote' | 'linked-destination';
  /** SOP4.M5: when the person was returned (the destination case then closes soon after). */
  returnedAt: number;
  assistanceDeclined: boolean;
  sop3: boolean;
  referralSent: boolean;
}

export function planPrimary(c: CaseContext, rng: Prng, joined: (country: string, at: number) => boolean,
  destinationsFor: (origin: string) => string | undefined): PathSummary {
  const { t0, profile } = c;
  const role = profile.countryRole;
  const summary: PathSummary = { kind: 'primary', returnedAt: NAN, assistanceDeclined: false, sop3: false, referralSent: false };

  // SOP 1 — identification.
  const m1 = c.deliver('SOP1.M1', t0 + c.delay(0.8), 0.97);
  const afterM1 = (median: number, sigma?: number): number => (isNaN(m1) ? t0 + c.delay(1.5) : m1) + c.delay(median, sigma);
  c.deliver('SOP1.M2', t0 + c.delay(0.4), 0.95, { offerOnly: 0.05 });
  const m3 = c.deliver('SOP1.M3', afterM1(0.5), isNaN(m1) ? 0.5 : 0.93, { decl: 0.07 });
  summary.assistanceDeclined = c.lastStatus === 'declined';
  const m4 = c.foreign && !c.child ? c.deliver('SOP1.M4', afterM1(1.5), c.cp.reflection, { decl: 0.08, offerOnly: 0.1 }) : NAN;
  c.deliver('SOP1.M5', afterM1(26, 0.6), 0.88);
  const m6 = c.foreign ? c.deliver('SOP1.M6', afterM1(6), PARTNERS.has(profile.citizenship) ? 0.85 : 0.45) : NAN;
  if (c.child) childIdentification(c);

  // SOP 2 — first assistance; a person who declined the referral mostly receives none.
  const a3 = isNaN(m3) ? t0 + c.delay(1.5) : m3;
  const assist = summary.assistanceDeclined ? 0.25 : 1;
  c.deliver('SOP2.M1', a3 + c.delay(0.4), 0.92 * assist, { decl: 0.07, na: 0.1 });
  c.deliver('SOP2.M2', a3 + c.delay(1.5), 0.88 * assist, { decl: 0.08, twoStep: 0.2 });
  c.deliver('SOP2.M3', a3 + c.delay(2), 0.8 * assist, { decl: 0.18, offerOnly: 0.15, twoStep: 0.25 });
  c.deliver('SOP2.M4', t0 + c.delay(1), 0.9);
  c.deliver('SOP2.M5', a3 + c.delay(4), 0.8 * assist, { decl: 0.1, offerOnly: 0.1, twoStep: 0.2 });
  if (c.foreign) {
    c.deliver('SOP2.M6', t0 + c.delay(0.3), 0.9, { na: sameLanguage(c.country, profile.citizenship) ? 0.9 : 0.08 });
  }
  if (c.foreign && !c.child) {
    // EU citizens in an EU country need no permit: the measure is recorded as not applicable.
    if (EU.has(c.country) && EU.has(profile.citizenship)) {
      if (rng.chance(0.7)) c.measure('SOP2.M7', a3 + c.delay(2), 'not_applicable');
    } else {
      c.deliver('SOP2.M7', (isNaN(m4) ? a3 : m4) + c.delay(4), 0.75, { decl: 0.05, offerOnly: 0.15 });
    }
  }
  const m8 = c.deliver('SOP2.M8', a3 + c.delay(8), 0.85 * assist, { offerOnly: 0.1 });
  if (c.child) c.deliver('SOP2.C1', t0 + c.delay(7), 0.85);

  // SOP 4 — assisted return of a foreign victim, or a person who came back home on their own.
  const citizenship = profile.citizenship;
  const referable = c.foreign && PARTNERS.has(citizenship) && joined(citizenship, t0);
  let returnReferral = false;
  if (role !== 'origin' && c.foreign && citizenship !== 'unknown'
    && rng.chance(c.cp.sop4 * (c.child ? 1.3 : 1) * (summary.assistanceDeclined ? 1.4 : 1))) {
    const r = planReturn(c, rng, referable);
    summary.returnedAt = r.returnedAt;
    returnReferral = r.referred;
  } else if (role === 'origin' && rng.chance(0.22)) {
    c.deliver('SOP4.M6', t0 + c.delay(0.5), 0.85);
    c.deliver('SOP4.M7', t0 + c.delay(14), 0.75, { decl: 0.08, offerOnly: 0.1 });
    c.deliver('SOP4.M8', t0 + c.delay(55, 0.4), 0.6);
  }

  // SOP 3 — longer-term assistance for those who stay; SOP 5 — proceedings.
  if (isNaN(summary.returnedAt)
    && rng.chance(c.cp.sop3 * (role === 'transit' ? 0.4 : 1) * (summary.assistanceDeclined ? 0.2 : 1))) {
    summary.sop3 = planSop3(c, rng, m8);
  }
  const s5 = rng.chance(c.cp.sop5 * (summary.assistanceDeclined ? 0.4 : 1)) ? planSop5(c) : NAN;

  // Referral to the other country, when it is not the return's case transfer.
  summary.referralSent = returnReferral;
  if (!returnReferral) {
    if (role !== 'origin' && referable && rng.chance(c.cp.referRate)) {
      if (!isNaN(m6) && rng.chance(0.55)) c.sendReferral(citizenship, 'identification', m6 + c.delay(0.5));
      else if (!isNaN(s5) && rng.chance(0.3)) c.sendReferral(citizenship, 'proceedings', s5 + c.delay(10));
      else c.sendReferral(citizenship, 'assistance', a3 + c.delay(10));
      summary.referralSent = true;
    } else if (role === 'origin' && rng.chance(c.cp.referRate * 0.2)) {
      const destination = destinationsFor(c.country);
      if (destination && joined(destination, t0)) {
        c.sendReferral(destination, rng.chance(0.55) ? 'proceedings' : 'assistance', t0 + c.delay(20));
        summary.referralSent = true;
      }
    }
  }
  return summary;
}

function childIdentification(c: CaseContext): void {
  c.deliver('SOP1.C1', c.t0 + c.delay(0.3), 0.95);
  // Age assessment only where the age is in doubt; otherwise recorded as not applicable, or not at all.
  if (c.profile.ageBand === 'unknown' || c.profile.presumedMinor) c.deliver('SOP1.C2', c.t0 + c.delay(2.5), 0.9);
  else if (c.cp.delivery > 0.7) c.measure('SOP1.C2', c.t0 + c.delay(1), 'not_applicable');
}

/** SOP4.M1–M4 and C1 precede the return (SOP4.M5); the case transfer (M3) goes with the referral. */
function planReturn(c: CaseContext, rng: Prng, referable: boolean): { returnedAt: number; referred: boolean } {
  const r0 = c.t0 + c.delay(40, 0.6);
  let pre = r0;
  const step = (code: string, at: number, base: number, decl = 0): boolean => {
    c.deliver(code, at, base, { decl, twoStep: 0.15 });
    if (c.lastAt > pre) pre = c.lastAt;
    return c.lastStatus !== 'declined';
  };
  step('SOP4.M1', r0 + c.delay(2), 0.9);
  if (!step('SOP4.M2', r0 + c.delay(4), 0.92, 0.1)) return { returnedAt: NAN, referred: false }; // the person chose to stay
  step('SOP4.M4', r0 + c.delay(8), 0.85);
  if (c.child) step('SOP4.C1', r0 + c.delay(6), 0.8);
  const transfer = pre + c.delay(1.5);
  step('SOP4.M3', transfer, 0.9);
  const to = c.profile.citizenship;
  const referred = referable && rng.chance(min(0.95, c.cp.referRate + 0.45));
  // The country of origin opens its case when the person arrives (CATALOGUE.md, SOP 4).
  const arrival = transfer + (referred ? c.ackDays(to) * DAY : c.delay(5));
  const returnedAt = max(max(pre, transfer) + HOUR, arrival - rng.between(2, 12) * HOUR);
  if (referred) c.sendReferral(to, 'return', transfer, max(arrival, returnedAt + HOUR));
  c.deliver('SOP4.M5', returnedAt, 0.95, { offerOnly: 0, twoStep: 0 });
  return { returnedAt, referred };
}

function planSop3(c: CaseContext, rng: Prng, m8: number): boolean {
  const s3 = c.t0 + c.delay(45, 0.5);
  const { citizenship } = c.profile;
  if (c.foreign) {
    if (EU.has(c.country) && EU.has(citizenship)) {
      if (rng.chance(0.6)) c.measure('SOP3.M1', s3 + c.delay(5), 'not_applicable');
    } else c.deliver('SOP3.M1', s3 + c.delay(20), 0.7, { decl: 0.05, offerOnly: 0.25 });
  }
  c.deliver('SOP3.M2', s3 + c.delay(5), 0.75, { decl: 0.1, na: 0.1 });
  c.deliver('SOP3.M3', s3 + c.delay(10), 0.8, { decl: 0.1, twoStep: 0.2 });
  c.deliver('SOP3.M4', s3 + c.delay(30), 0.55, { decl: 0.15, offerOnly: 0.2 });
  if (!c.child) c.deliver('SOP3.M5', s3 + c.delay(60), 0.55, { decl: 0.15, offerOnly: 0.25 });
  if (c.child) c.deliver('SOP3.C1', s3 + c.delay(40), 0.7);
  // Periodic reviews, the first due 90 days after the individual assistance plan (SOP2.M8).
  let review = (isNaN(m8) ? c.t0 + c.delay(10) : m8) + rng.logNormal(80, 0.3) * DAY * sqrt(c.cp.speed);
  const reviews = 1 + rng.int(4);
  for (let i = 0; i < reviews; i++) {
    if (rng.chance(c.prob('SOP3.M6', 0.85))) c.measure('SOP3.M6', review, 'completed');
    review += rng.logNormal(90, 0.15) * DAY;
  }
  return c.facts.enteredSops.has(3);
}

function planSop5(c: CaseContext): number {
  const s5 = c.t0 + c.delay(30, 0.8);
  c.deliver('SOP5.M1', s5, 0.9);
  c.deliver('SOP5.M2', s5 + c.delay(10), 0.75, { decl: 0.1, offerOnly: 0.15 });
  c.deliver('SOP5.M3', s5 + c.delay(5), 0.35, { decl: 0.1 });
  c.deliver('SOP5.M4', s5 + c.delay(120, 0.6), 0.55, { decl: 0.12 });
  c.deliver('SOP5.M5', s5 + c.delay(150, 0.6), c.cp.compensation * 1.2, { offerOnly: 0.3 });
  const forced = c.profile.exploitation.includes('criminal_activities') || c.profile.exploitation.includes('begging');
  c.deliver('SOP5.M6', s5 + c.delay(40), forced ? 0.75 : 0.12);
  if (c.child) c.deliver('SOP5.C1', s5 + c.delay(60), 0.75);
  return s5;
}

const PERSON_ABROAD = ['SOP1.M2', 'SOP1.M3', 'SOP2.M1', 'SOP2.M2', 'SOP2.M3', 'SOP2.M5'];

/** A case opened by the receiving country of a referral. */
export function planLinked(c: CaseContext, rng: Prng, link: LinkRequest): PathSummary {
  const { t0 } = c;
  const summary: PathSummary = { kind: 'returned', returnedAt: NAN, assistanceDeclined: false, sop3: false, referralSent: false };
  if (link.recordsReceipt) {
    c.push(t0 + rng.logNormal(1.5, 1) * HOUR, RECEIVED, { referralId: link.referralId, fromCountry: link.from });
  }
  if (c.facts.origin && link.purpose === 'return') {
    // The returned person is received at home: reception, reintegration plan, follow-up report.
    c.deliver('SOP4.M6', t0 + c.delay(0.3), 0.88);
    c.deliver('SOP4.M7', t0 + c.delay(14), 0.8, { decl: 0.06, offerOnly: 0.1 });
    c.deliver('SOP4.M8', t0 + c.delay(50, 0.4), 0.7);
    const m1 = c.deliver('SOP1.M1', t0 + c.delay(1), 0.6);
    c.deliver('SOP1.M2', t0 + c.delay(0.5), 0.7);
    c.deliver('SOP1.M3', (isNaN(m1) ? t0 : m1) + c.delay(0.5), 0.65);
    c.deliver('SOP1.M5', t0 + c.delay(20), 0.5);
    if (c.child) {
      c.deliver('SOP1.C1', t0 + c.delay(0.3), 0.85);
      c.deliver('SOP2.C1', t0 + c.delay(6), 0.7);
    }
    c.deliver('SOP2.M2', t0 + c.delay(2), 0.6, { decl: 0.1 });
    c.deliver('SOP2.M3', t0 + c.delay(3), 0.6, { decl: 0.2, twoStep: 0.2 });
    c.deliver('SOP2.M4', t0 + c.delay(1), 0.7);
    const m8 = c.deliver('SOP2.M8', t0 + c.delay(8), 0.75);
    if (rng.chance(c.cp.sop3 * 1.2)) summary.sop3 = planSop3(c, rng, m8);
    if (rng.chance(0.08)) planSop5(c);
  } else {
    // The person is (still) in the other country: verification, planning, or proceedings here.
    summary.kind = c.facts.origin ? 'remote' : 'linked-destination';
    c.deliver('SOP1.M1', t0 + c.delay(2), 0.55);
    for (const code of PERSON_ABROAD) if (rng.chance(c.prob(code, 0.8))) c.measure(code, t0 + c.delay(0.5), 'not_applicable');
    if (c.facts.origin) c.deliver('SOP2.M8', t0 + c.delay(10), 0.35);
    if (c.child) c.deliver('SOP1.C1', t0 + c.delay(1), 0.6);
    if (link.purpose === 'proceedings' || !c.facts.origin) {
      c.deliver('SOP5.M1', t0 + c.delay(3), 0.8);
      c.deliver('SOP5.M4', t0 + c.delay(40), 0.6, { decl: 0.1 });
      c.deliver('SOP5.M5', t0 + c.delay(60), 0.15, { offerOnly: 0.3 });
    }
  }
  if (link.feedbackAt !== null) {
    c.push(max(link.feedbackAt, t0 + 2 * HOUR), FEEDBACK, { referralId: link.referralId, toCountry: link.from, outcome: link.outcome });
  }
  return summary;
}
