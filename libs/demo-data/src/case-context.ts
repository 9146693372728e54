// The state of the one case being planned, and the small operations every flow uses: draw a
// delay in the country's tempo, record a measure (or not) with a realistic status, send a referral.
// One instance is reused for every case, so planning allocates little beyond the events themselves.
import { MEASURE_STATUSES, getCatalogue, isChild, isForeign } from '@trm/domain';
import type {
  Actor, CaseFacts, MeasureDefinition, MeasureStatus, Profile, ReferralOutcome, ReferralPurpose,
} from '@trm/domain';
import { PROFILE_BY_CODE, pairFactor, type CountryProfile } from './country-profiles';
import { DAY, HOUR, MEASURE, OPENED, SENT, type LinkRequest, type MeasureRecord, type Payload, type Planned } from './planned';
import { Weighted, type Prng } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { floor, max } = Math;
const NAN = Number.NaN;

const CATALOGUE_VERSION = 'trm-baseline-1';
const catalogue = getCatalogue(CATALOGUE_VERSION);
if (!catalogue) throw new Error(`catalogue ${CATALOGUE_VERSION} is missing`);

/** Actor weights by position in the catalogue's list (the first actor is the usual one). */
const ACTOR_POSITION = [0.55, 0.25, 0.12, 0.05, 0.03];

interface MeasureInfo {
  def: MeasureDefinition;
  /** Index into `def.actors`, drawn with ACTOR_POSITION weights. */
  actors: Weighted<number>;
  /** Interned records, at recordIndex(…). */
  records: MeasureRecord[];
}
/** Index of a record by (sends catalogueVersion, status, actor position). */
function recordIndex(def: MeasureDefinition, withVersion: boolean, status: MeasureStatus, actor: number): number {
  const n = def.actors.length;
  return (withVersion ? MEASURE_STATUSES.length * n : 0) + MEASURE_STATUSES.indexOf(status) * n + actor;
}
const MEASURE_INFO = new Map<string, MeasureInfo>();
for (const def of catalogue.measures) {
  const records: MeasureRecord[] = [];
  for (const version of [null, CATALOGUE_VERSION]) {
    for (const status of MEASURE_STATUSES) {
      for (const actor of def.actors) {
        const fields = { measure: def.code, status, actor: actor as Actor, ...(version ? { catalogueVersion: version } : {}) };
        const line = Uint8Array.from(`,${JSON.stringify(fields).slice(1)}\n`, (ch) => ch.charCodeAt(0));
        records.push({ ...fields, catalogueVersion: version, line });
      }
    }
  }
  MEASURE_INFO.set(def.code, { def, actors: new Weighted(def.actors.map((_, i) => [i, ACTOR_POSITION[i] ?? 0.02] as const)), records });
}

/** The same record with another status (for corrections). */
export function withStatus(r: MeasureRecord, status: MeasureStatus): MeasureRecord {
  const { def, records } = MEASURE_INFO.get(r.measure)!;
  return records[recordIndex(def, r.catalogueVersion !== null, status, def.actors.indexOf(r.actor))];
}

const RETURN_OUTCOMES = new Weighted<ReferralOutcome>([['reintegrated', 42], ['assisted', 36], ['lost_contact', 13], ['declined', 5], ['other', 4]]);
const OTHER_OUTCOMES = new Weighted<ReferralOutcome>([['assisted', 58], ['lost_contact', 14], ['declined', 10], ['other', 18]]);

export interface MeasureOptions {
  /** Shares of the recorded outcomes: declined by the person, not applicable to this case, offered only. */
  decl?: number;
  na?: number;
  offerOnly?: number;
  /** Share recorded twice: offered first, completed a few days later. */
  twoStep?: number;
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

const weakByCountry = new Map<CountryProfile, ReadonlySet<string>>();
function weakMeasures(cp: CountryProfile): ReadonlySet<string> {
  let set = weakByCountry.get(cp);
  if (!set) {
    set = new Set(catalogue!.measures.map((m) => m.code).filter((code) => cp.weak.some((w) => code === w || code.startsWith(`${w}.`))));
    weakByCountry.set(cp, set);
  }
  return set;
}

export class CaseContext {
  // The case being planned.
  cp!: CountryProfile;
  country = '';
  caseRef = '';
  t0 = 0;
  /** Position of the case in the period, 0 … 1 (drives each country's trend). */
  x = 0;
  profile!: Profile;
  facts: CaseFacts = { child: false, foreign: false, origin: false, enteredSops: new Set() };
  events: Planned[] = [];
  opened!: Planned;
  /** Latest occurredAt recorded by the last `deliver` call. */
  lastAt = 0;
  lastStatus: MeasureStatus | null = null;
  private speedX = 1;
  private quality = 0.8;
  /** Measures the country is weak at (from `cp.weak`, with SOP prefixes expanded). */
  private weak: ReadonlySet<string> = new Set();

  constructor(
    private readonly rng: Prng,
    private readonly nextSeq: () => number,
    private readonly nextReferralId: (from: string, to: string, at: number) => string,
    private readonly joined: (country: string, at: number) => boolean,
  ) {}

  begin(cp: CountryProfile, caseRef: string, t0: number, x: number, profile: Profile): void {
    this.cp = cp;
    this.country = cp.code;
    this.caseRef = caseRef;
    this.t0 = t0;
    this.x = x;
    this.profile = profile;
    this.facts = {
      child: isChild(profile),
      foreign: isForeign(profile, cp.code),
      origin: profile.countryRole === 'origin',
      enteredSops: new Set(),
    };
    this.events = [];
    // A country that improves delivers more, and faster, as the period goes on.
    this.quality = clamp(cp.delivery + cp.improve * (x - 0.5), 0.2, 0.98);
    this.speedX = cp.speed * (1 - 0.8 * cp.improve * (x - 0.5));
    this.weak = weakMeasures(cp);
    this.opened = this.push(t0, OPENED, profile);
  }

  get child(): boolean {
    return this.facts.child;
  }

  get foreign(): boolean {
    return this.facts.foreign;
  }

  /** A delay in ms: log-normal around `medianDays`, stretched by the country's tempo. */
  delay(medianDays: number, sigma = 0.7): number {
    return this.rng.logNormal(medianDays * this.speedX, sigma) * DAY;
  }

  push(at: number, kind: number, payload: Payload): Planned {
    const p: Planned = { at: floor(at), report: 0, seq: this.nextSeq(), kind, payload, target: null, retracted: false, link: null };
    this.events.push(p);
    return p;
  }

  measure(code: string, at: number, status: MeasureStatus): Planned {
    const info = MEASURE_INFO.get(code);
    if (!info) throw new Error(`unknown measure ${code}`);
    const def = info.def;
    if (def.childSpecific && !this.facts.child) throw new Error(`child measure ${code} planned for an adult case`);
    const record = info.records[recordIndex(def, this.cp.sendsCatalogueVersion, status, info.actors.pick(this.rng))];
    if (status !== 'not_applicable') (this.facts.enteredSops as Set<number>).add(def.sop);
    if (at > this.lastAt) this.lastAt = at;
    return this.push(at, MEASURE, record);
  }

  /** Probability that the country records an expected measure, for the case's place in the period. */
  prob(code: string, base: number): number {
    let p = base * this.quality;
    if (this.weak.has(code)) p *= 0.55;
    return clamp(p, 0.01, 0.99);
  }

  /**
   * Maybe records `code` at `at`. Returns when it was done (offered, completed or declined), or NaN
   * when it was not recorded or recorded as not applicable. `lastAt`/`lastStatus` tell what happened.
   */
  deliver(code: string, at: number, base: number, o: MeasureOptions = {}): number {
    this.lastAt = 0;
    this.lastStatus = null;
    if (!this.rng.chance(this.prob(code, base))) return NAN;
    const r = this.rng.next();
    const na = o.na ?? 0;
    const decl = o.decl ?? 0;
    const offerOnly = o.offerOnly ?? 0.04;
    let status: MeasureStatus;
    if (r < na) status = 'not_applicable';
    else if (r < na + decl) status = 'declined';
    else if (r < na + decl + offerOnly) status = 'offered';
    else status = 'completed';
    this.lastStatus = status;
    if (status === 'completed' && this.rng.chance(o.twoStep ?? 0.08)) {
      this.measure(code, at, 'offered');
      this.measure(code, at + this.delay(2.5, 0.8), 'completed');
      return at;
    }
    this.measure(code, at, status);
    return status === 'not_applicable' ? NAN : at;
  }

  /** Days until a referral is acted on by `to` (opening its case, or receiving the returned person). */
  ackDays(to: string): number {
    const cpTo = PROFILE_BY_CODE.get(to);
    const median = (1.6 * (cpTo?.ackSpeed ?? 1)) / pairFactor(this.country, to);
    return this.rng.logNormal(median, 0.85);
  }

  /**
   * Plans a referral.sent to `to`. Whether the receiving country opens its own case, records the
   * receipt and sends feedback depends on that country and on the pair (some loops close, some do not).
   */
  sendReferral(to: string, purpose: ReferralPurpose, at: number, openAt?: number): Planned {
    const referralId = this.nextReferralId(this.country, to, at);
    const p = this.push(at, SENT, { referralId, toCountry: to, purpose });
    const cpTo = PROFILE_BY_CODE.get(to);
    if (!cpTo) return p;
    const pf = pairFactor(this.country, to);
    const pOpen = clamp(cpTo.responsiveness * pf + (purpose === 'return' ? 0.25 : 0), 0.05, 0.95);
    const desiredAt = openAt ?? at + this.ackDays(to) * DAY;
    if (!this.rng.chance(pOpen) || !this.joined(to, desiredAt)) return p;
    const pFeedback = clamp(cpTo.feedback * pf, 0.03, 0.95);
    const feedbackAt = this.rng.chance(pFeedback)
      ? max(desiredAt + 2 * HOUR, at + this.rng.logNormal((28 * cpTo.ackSpeed) / pf, 0.55) * DAY)
      : null;
    p.link = {
      desiredAt, from: this.country, to, referralId, purpose, sentAt: at,
      // A copy: the case.opened that carries `profile` is handed to the caller before this link is used.
      sender: { ...this.profile, exploitation: [...this.profile.exploitation] },
      recordsReceipt: this.rng.chance(0.94), feedbackAt,
      outcome: (purpose === 'return' ? RETURN_OUTCOMES : OTHER_OUTCOMES).pick(this.rng),
    } satisfies LinkRequest;
    return p;
  }
}
