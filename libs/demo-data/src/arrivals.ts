// When cases open: exactly `n` instants between start and end, in increasing order, drawn from a
// non-homogeneous Poisson-like process (more identifications over time, a summer peak, fewer at
// weekends and at night) without holding n values in memory. The sorted uniforms come from
// normalised exponential spacings; their total is found by a first pass over the same seeded
// sequence, so the second pass can emit them one at a time.
import { HOUR } from './planned';
import { Prng } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { ceil, floor, max, min } = Math;
const NativeDate = Date;

const MONTH_FACTOR = [0.85, 0.85, 0.95, 1, 1.05, 1.15, 1.2, 1.15, 1.05, 1, 0.9, 0.85];
const WEEKDAY_FACTOR = [0.4, 1, 1.05, 1.05, 1.05, 1, 0.45]; // Sunday … Saturday
/** Hour of day, UTC (the region is at UTC+1…+3): office hours dominate. */
const HOUR_FACTOR = [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 1.2, 1.6, 1.6, 1.6, 1.6, 1.5, 1.6, 1.6, 1.5, 1.1, 0.9, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1];
/** Cases identified per unit of time grow by this factor from the start to the end of the period. */
const GROWTH = 0.35;
const MAX_BINS = 200_000;
const ARRIVALS_STREAM = 0x2545f491;

export class Arrivals {
  private readonly binMs: number;
  private readonly cumulative: Float64Array;
  private readonly total: number;
  private readonly rng: Prng;
  private readonly sum: number;
  private readonly first: number;
  private acc = 0;
  private bin = 0;
  private emitted = 0;

  constructor(seed: number, private readonly n: number, private readonly start: number, private readonly end: number) {
    const span = end - start;
    this.binMs = max(HOUR, ceil(span / MAX_BINS));
    const bins = max(1, ceil(span / this.binMs));
    this.cumulative = new Float64Array(bins);
    let total = 0;
    for (let i = 0; i < bins; i++) {
      const t = start + i * this.binMs;
      const width = min(this.binMs, end - t) / this.binMs;
      const d = new NativeDate(t);
      total += width * (1 + (GROWTH * (t - start)) / span) * MONTH_FACTOR[d.getUTCMonth()]
        * WEEKDAY_FACTOR[d.getUTCDay()] * (this.binMs === HOUR ? HOUR_FACTOR[d.getUTCHours()] : 1);
      this.cumulative[i] = total;
    }
    this.total = total;
    // Pass 1: the sum of the n + 1 spacings.
    const first = new Prng(seed ^ ARRIVALS_STREAM);
    let sum = 0;
    let e1 = 0;
    for (let i = 0; i <= n; i++) {
      const e = first.exponential();
      if (i === 0) e1 = e;
      sum += e;
    }
    this.sum = sum;
    this.first = e1;
    this.rng = new Prng(seed ^ ARRIVALS_STREAM);
  }

  get remaining(): number {
    return this.n - this.emitted;
  }

  /** The next opening instant (epoch ms); the first is `start` itself. */
  next(): number {
    if (this.emitted >= this.n) throw new RangeError('no arrivals left');
    this.emitted++;
    this.acc += this.rng.exponential();
    const u = (this.acc - this.first) / (this.sum - this.first);
    const mass = u * this.total;
    const c = this.cumulative;
    while (this.bin < c.length - 1 && c[this.bin] <= mass) this.bin++;
    const lo = this.bin === 0 ? 0 : c[this.bin - 1];
    const frac = c[this.bin] > lo ? (mass - lo) / (c[this.bin] - lo) : 0;
    const binStart = this.start + this.bin * this.binMs;
    return floor(binStart + min(frac, 1) * min(this.binMs, this.end - binStart));
  }
}
