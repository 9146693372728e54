// The demo stream: cases open one after another in time; each is planned whole when it opens, and
// its events wait in a heap ordered by the time the national system reports them. An event is
// emitted once no case still to open could report anything earlier, so the stream runs in
// reporting order across countries (late reports come late) while memory holds only the cases
// still active — not the history so far.
import type { SubmittedEvent } from '@trm/domain';
import { Arrivals } from './arrivals';
import { CaseContext } from './case-context';
import { closeCase, reportAndCorrect } from './case-finish';
import { countryTables, drawProfile, linkedProfile, type CountryTables } from './case-profile';
import { COUNTRY_PROFILES, PROFILE_BY_CODE, type CountryProfile } from './country-profiles';
import { planLinked, planPrimary } from './measure-flows';
import { MinHeap } from './min-heap';
import { EventPool } from './event-pool';
import type { ByteSink } from './ndjson-writer';
import { DAY, type LinkRequest } from './planned';
import { Prng, Weighted } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { max } = Math;
const { isFinite, isNaN, isSafeInteger } = Number;
const NativeDate = Date;
const NAN = Number.NaN;

export interface DemoOptions {
  /** PRNG seed, an integer (low 32 bits used); the same seed, cases, start and end give the same events. Default 2006. */
  seed?: number;
  /** Number of cases (case.opened events), including those opened in answer to a referral. */
  cases: number;
  /** The first case's openedAt. Default: two years (730 days) before `end`. */
  start?: Date;
  /** No event occurs, or is reported, after this instant. Default: now. */
  end?: Date;
}

export const DEMO_DEFAULT_SEED = 2006;
const pad6 = (n: number): string => String(n).padStart(6, '0');

export class DemoEngine {
  /** Report time (epoch ms) of the event `next()` returned last. */
  reportedAt = 0;
  readonly start: number;
  readonly end: number;
  private readonly rng: Prng;
  private readonly pool: EventPool;
  private readonly arrivals: Arrivals;
  private readonly ctx: CaseContext;
  /** Pool slots of planned events, by report time. */
  private readonly events = new MinHeap<number>();
  /** Referrals whose receiving country will open a case, by when it should open. */
  private readonly links = new MinHeap<LinkRequest>();
  private readonly tables = new Map<string, CountryTables>();
  private readonly destinations = new Map<string, Weighted<string>>();
  private readonly caseCounters = new Map<string, number>();
  private readonly referralCounters = new Map<string, number>();
  private readonly countryWeights = new Float64Array(COUNTRY_PROFILES.length);
  private nextOpening = NAN;
  private seq = 0;

  constructor(opts: DemoOptions) {
    if (!isSafeInteger(opts.cases) || opts.cases < 0) throw new RangeError('cases must be a non-negative integer');
    const seed = opts.seed ?? DEMO_DEFAULT_SEED;
    if (!isSafeInteger(seed)) throw new RangeError('seed must be an integer (its low 32 bits are used)');
    this.end = opts.end ? opts.end.getTime() : Date.now();
    this.start = opts.start ? opts.start.getTime() : this.end - 730 * DAY;
    if (!isFinite(this.start) || !isFinite(this.end) || this.start >= this.end) {
      throw new RangeError('start must be a valid date before end');
    }
    this.rng = new Prng(seed);
    this.pool = new EventPool(seed);
    this.arrivals = new Arrivals(seed, opts.cases, this.start, this.end);
    this.ctx = new CaseContext(this.rng, () => this.seq++, (from, to, at) => this.referralId(from, to, at), (c, at) => this.joined(c, at));
    for (const cp of COUNTRY_PROFILES) this.tables.set(cp.code, countryTables(cp));
  }

  next(): SubmittedEvent | undefined {
    const slot = this.nextSlot();
    return slot < 0 ? undefined : this.pool.take(slot);
  }

  /** Writes the next event as an NDJSON line into `sink`; false at the end of the stream. */
  nextInto(sink: ByteSink): boolean {
    const slot = this.nextSlot();
    if (slot < 0) return false;
    this.pool.takeInto(slot, sink);
    return true;
  }

  /** The pool slot of the next event in reporting order, or -1 when the stream is over. */
  private nextSlot(): number {
    for (;;) {
      if (isNaN(this.nextOpening) && this.arrivals.remaining > 0) this.nextOpening = this.arrivals.next();
      // A case still to open reports nothing before it opens, so events up to then can go.
      if (!isNaN(this.nextOpening) && this.nextOpening <= this.events.peekKey()) {
        const at = this.nextOpening;
        this.nextOpening = NAN;
        this.openCase(at);
        continue;
      }
      if (this.events.size === 0) return -1;
      this.reportedAt = this.events.peekKey();
      return this.events.pop()!;
    }
  }

  private fraction(at: number): number {
    return (at - this.start) / (this.end - this.start);
  }

  private joined(country: string, at: number): boolean {
    const cp = PROFILE_BY_CODE.get(country);
    return !cp || this.fraction(at) >= cp.joinsAt;
  }

  private openCase(t0: number): void {
    const x = this.fraction(t0);
    const link = this.links.peekKey() <= t0 ? this.links.pop()! : null;
    const cp = link ? PROFILE_BY_CODE.get(link.to)! : this.pickCountry(x);
    const profile = link ? linkedProfile(link.sender, link.from, link.to) : drawProfile(this.rng, cp, this.tables.get(cp.code)!);
    const ctx = this.ctx;
    ctx.begin(cp, this.caseRef(cp.code, t0), t0, x, profile);
    const path = link
      ? planLinked(ctx, this.rng, link)
      : planPrimary(ctx, this.rng, (c, at) => this.joined(c, at), (origin) => this.destinationFor(origin));
    closeCase(ctx, this.rng, path);
    const live = reportAndCorrect(ctx, this.rng, this.end);
    for (const e of ctx.events) {
      if (e.report > this.end) continue; // not reported yet
      this.events.push(e.report, this.pool.add(e, cp.code, ctx.caseRef));
      if (live && e.link && !e.retracted && e.link.desiredAt < this.end) this.links.push(e.link.desiredAt, e.link);
    }
  }

  private pickCountry(x: number): CountryProfile {
    const w = this.countryWeights;
    let total = 0;
    for (let i = 0; i < COUNTRY_PROFILES.length; i++) {
      const cp = COUNTRY_PROFILES[i];
      total += w[i] = x >= cp.joinsAt ? cp.weight * max(0, 1 + cp.trend * (x - 0.5)) : 0;
    }
    let r = this.rng.next() * total;
    for (let i = 0; i < w.length; i++) {
      r -= w[i];
      if (r < 0) return COUNTRY_PROFILES[i];
    }
    return COUNTRY_PROFILES[0];
  }

  /** A destination where nationals of `origin` are often found (for referrals from the origin side). */
  private destinationFor(origin: string): string | undefined {
    let table = this.destinations.get(origin);
    if (!table) {
      const entries: [string, number][] = [];
      for (const cp of COUNTRY_PROFILES) {
        const share = cp.nationalities.find(([n]) => n === origin)?.[1] ?? 0;
        if (share > 0 && cp.code !== origin) entries.push([cp.code, share * cp.weight]);
      }
      if (entries.length === 0) return undefined;
      table = new Weighted(entries);
      this.destinations.set(origin, table);
    }
    return table.pick(this.rng);
  }

  /** `BG-2025-000123`: country, year opened, running number — nothing about the person. */
  private caseRef(country: string, at: number): string {
    const year = new NativeDate(at).getUTCFullYear();
    const key = `${country}-${year}`;
    const n = (this.caseCounters.get(key) ?? 0) + 1;
    this.caseCounters.set(key, n);
    return `${key}-${pad6(n)}`;
  }

  private referralId(from: string, to: string, at: number): string {
    const key = `${from}-${new NativeDate(at).getUTCFullYear()}`;
    const n = (this.referralCounters.get(key) ?? 0) + 1;
    this.referralCounters.set(key, n);
    return `REF-${from}-${to}-${key.slice(3)}-${pad6(n)}`;
  }
}
