// Deterministic identifiers for generated histories. Event ids come from a seeded function rather
// than fc.uuid(): shrinking would otherwise collapse many ids onto the same minimal UUID.

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (x: number): string => x.toString(16).padStart(8, '0');

/**
 * The n-th v4-shaped UUID of a history seeded with `seed`. Unique for n < 2³² because its first
 * 32 bits are a bijection of n (for a fixed seed).
 */
export function seededUuid(seed: number, n: number): string {
  const a = fmix32((Math.imul(n, 0x9e3779b1) + seed) >>> 0);
  const b = fmix32(a ^ 0x68e31da4);
  const c = fmix32(b ^ 0xb5297a4d);
  const d = fmix32(c ^ 0x1b56c4e9);
  const s = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = '89ab'[parseInt(s[16], 16) & 3];
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** A caseRef matching ^[A-Za-z0-9._:/-]{1,64}$, unique per (country, index). */
export function caseRefFor(country: string, index: number): string {
  return `${country}-TRM/${String(index).padStart(4, '0')}`;
}

/** A referralId matching ^[A-Za-z0-9._:-]{1,64}$. */
export function referralIdFor(country: string, caseIndex: number, n: number): string {
  return `${country}.REF:${caseIndex}-${n}`;
}
