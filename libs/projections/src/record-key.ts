import { createHash, createHmac } from 'node:crypto';

/**
 * Record keys of INDICATORS.md "Disclosure control" (rule 2): rk(u) = the first 8 hex digits of
 * HMAC-SHA-256(pseudonym secret, `record-key:` + id) read as an unsigned 32-bit integer (the rule's
 * value in [0, 1) is this / 2³²). Stored as UInt32 on the rows that identify counted units, so a
 * cell key is a plain sum aggregated with the count in the warehouse: HMAC per row at query time
 * would cost seconds at 500k cases.
 *
 * Without a secret (tests that never read as a manager) the keys are HMACs under the empty secret:
 * still deterministic, never zero by construction.
 *
 * Computed here as RFC 2104 spells HMAC, with the SHA-256 states after the key's inner and outer
 * pad blocks computed once per secret: a key is then the compression of the message's block(s)
 * (one for an id of up to 44 ASCII characters) and of one outer block, of which only the first
 * word is kept. A `createHmac` per id (the projector computes one per event and one per case) cost
 * ~6 µs and 13 % of the projector worker's CPU (issue 18); this ~1 µs. Non-ASCII ids (none in the
 * demo data, possible in a contract string) go through node:crypto. record-key.unit.spec.ts checks
 * both against node:crypto's HMAC.
 */
export type RecordKey = (id: string) => number;

const PREFIX = 'record-key:';

export function recordKeyFunction(secret = ''): RecordKey {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > 64) key = createHash('sha256').update(key).digest();
  const pad = new Uint8Array(64);
  const inner = new Int32Array(8);
  const outer = new Int32Array(8);
  const w = new Int32Array(64);
  for (let i = 0; i < 64; i++) pad[i] = 0x36 ^ (key[i] ?? 0);
  inner.set(IV);
  compressBytes(inner, pad, w);
  for (let i = 0; i < 64; i++) pad[i] = 0x5c ^ (key[i] ?? 0);
  outer.set(IV);
  compressBytes(outer, pad, w);

  const state = new Int32Array(8);
  const slow = (id: string): number => createHmac('sha256', secret).update(PREFIX + id).digest().readUInt32BE(0);
  /** The inner message's byte at `at`: `record-key:`, the id, 0x80, zeros (ASCII ids only). */
  const byteAt = (id: string, n: number, at: number): number =>
    at < P ? PREFIX_BYTES[at] : at < n ? id.charCodeAt(at - P) : at === n ? 0x80 : 0;
  return (id) => {
    const n = P + id.length;
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) >= 0x80) return slow(id);
    // Inner hash: the pad block already compressed, then the message, 0x80, zeros, the bit length.
    state.set(inner);
    const blocks = (n + 9 + 63) >>> 6;
    for (let b = 0, at = 0; b < blocks; b++) {
      for (let j = 0; j < 16; j++, at += 4) {
        w[j] = (byteAt(id, n, at) << 24) | (byteAt(id, n, at + 1) << 16) | (byteAt(id, n, at + 2) << 8) | byteAt(id, n, at + 3);
      }
      if (b === blocks - 1) w[15] = (64 + n) * 8;
      compress(state, w);
    }
    // Outer hash: its pad block compressed, then the 32-byte inner digest with its padding (768 bits).
    for (let i = 0; i < 8; i++) w[i] = state[i];
    w[8] = 0x80000000;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = (64 + 32) * 8;
    state.set(outer);
    compress(state, w);
    return state[0] >>> 0;
  };
}

const P = PREFIX.length;
const PREFIX_BYTES = Uint8Array.from(PREFIX, (c) => c.charCodeAt(0));

/** SHA-256's initial state (FIPS 180-4 §5.3.3). */
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** SHA-256's round constants (FIPS 180-4 §4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Compresses one 64-byte block (big-endian words) into `state`; `w` is scratch. */
function compressBytes(state: Int32Array, block: Uint8Array, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    w[i] = (block[i * 4] << 24) | (block[i * 4 + 1] << 16) | (block[i * 4 + 2] << 8) | block[i * 4 + 3];
  }
  compress(state, w);
}

/** The compression function on the block's 16 words in w[0..15] (FIPS 180-4 §6.2.2). */
function compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}
