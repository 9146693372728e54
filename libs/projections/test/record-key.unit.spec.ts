import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { recordKeyFunction } from '../src/record-key';

/** The definition (INDICATORS.md "Disclosure control"), as node:crypto computes it. */
const reference = (secret: string, id: string): number =>
  createHmac('sha256', secret).update(`record-key:${id}`).digest().readUInt32BE(0);

describe('record keys', () => {
  const secrets = ['', 'a', randomBytes(32).toString('base64url'), 'k'.repeat(64), 'long secret '.repeat(10), 'sécret-ü'];

  it.each(secrets.map((s, i) => [i === 2 ? 100_000 : 10_000, s.length, s]))('equal node:crypto HMAC-SHA-256 on %i random ids (secret of %i characters)', (n, _, secret) => {
    const rk = recordKeyFunction(secret);
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = i % 2 ? randomUUID() : randomUUID().toUpperCase();
      if (rk(id) !== reference(secret, id)) wrong.push(id);
    }
    expect(wrong).toEqual([]);
  });

  it('equal it at every id length across the block boundaries (0 to 300 characters), and for non-ASCII ids', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFGHIJKLMNOPQRSTUVWXYZ~\x7f\x00';
    for (const secret of secrets) {
      const rk = recordKeyFunction(secret);
      const wrong: string[] = [];
      for (let len = 0; len <= 300; len++) {
        for (let k = 0; k < 5; k++) {
          let id = '';
          for (let i = 0; i < len; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
          if (rk(id) !== reference(secret, id)) wrong.push(id);
        }
      }
      for (const id of ['é', 'case-ü-1', '日本語のケース', '😀'.repeat(20), `${randomUUID()}\u0080`]) if (rk(id) !== reference(secret, id)) wrong.push(id);
      expect(wrong).toEqual([]);
    }
  });

  it('give different keys to different secrets and ids', () => {
    const id = randomUUID();
    expect(recordKeyFunction('a')(id)).not.toBe(recordKeyFunction('b')(id));
    expect(recordKeyFunction('a')(id)).not.toBe(recordKeyFunction('a')(randomUUID()));
  });
});
