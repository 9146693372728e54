// A small seeded PRNG (sfc32, seeded through splitmix32) and the draws the generator needs.
// Math.random is never used: the demo data set must be identical for the same seed on every machine,
// so a published dashboard screenshot or a benchmark run can be reproduced.

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { exp, floor, imul, log, max, min, sqrt } = Math;
const NAN = Number.NaN;

const TWO_POW_32 = 4_294_967_296;

/** splitmix32: spreads a user seed (often 0, 1, 42…) over the four words of sfc32's state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = imul(z ^ (z >>> 16), 0x21f0aaad);
  z = imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Inverse normal CDF (Acklam's rational approximation, |error| < 1.2e-9) for 0 < p < 1. */
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = sqrt(-2 * log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** 4,096 equiprobable normal quantiles (cell midpoints), clamped to ±3. */
const NORMAL_QUANTILES = Float64Array.from({ length: 4096 }, (_, i) => max(-3, min(3, inverseNormal((i + 0.5) / 4096))));

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const state = { s: seed | 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, period ≥ 2³². */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / TWO_POW_32;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return floor(this.next() * n);
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)];
  }

  /** Standard normal, truncated at ±3 (no absurd outliers): one draw through a quantile table. */
  normal(): number {
    return NORMAL_QUANTILES[this.u32() >>> 20];
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * exp(sigma * this.normal());
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -log(1 - this.next());
  }
}

/** A fixed list of choices with weights; picking scans the cumulative weights (lists are short). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const positive = entries.filter(([, w]) => w > 0);
    if (positive.length === 0) throw new RangeError('Weighted needs at least one positive weight');
    this.items = positive.map(([item]) => item);
    this.cumulative = new Float64Array(positive.length);
    let sum = 0;
    positive.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    const c = this.cumulative;
    for (let i = 0; i < c.length - 1; i++) if (x < c[i]) return this.items[i];
    return this.items[c.length - 1];
  }
}

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

let lastSeed = NAN;
let lastSeedHash = 0;
function hashSeed(seed: number): number {
  lastSeed = seed;
  lastSeedHash = fmix32(seed ^ 0x6a09e667);
  return lastSeedHash;
}

/**
 * The eventId of the n-th planned event of a stream, as four 32-bit words (version and variant
 * bits set) written to `out`. A counter-based generator — the words are hashes of seed and n — so
 * an event's id can be recomputed from its number and a retraction names its target without the
 * generator keeping ids. Unique for n < 2³² within a stream: the first word is a bijection of n.
 */
export function eventIdWords(seed: number, n: number, out: Uint32Array): void {
  const s = seed === lastSeed ? lastSeedHash : hashSeed(seed);
  const w0 = fmix32((imul(n, 0x9e3779b1) + s) >>> 0);
  const w1 = fmix32((w0 ^ imul(n + 1, 0x85ebca6b) ^ s) >>> 0);
  const w2 = fmix32((w1 + 0x7f4a7c15 + floor(n / 4294967296)) >>> 0);
  out[0] = w0;
  out[1] = (w1 & 0xffff0fff) | 0x4000;
  out[2] = (w2 & 0x3fffffff) | 0x80000000;
  out[3] = fmix32((w2 ^ w0 ^ 0x1b56c4e9) >>> 0);
}
