import { createHash, randomUUID } from 'node:crypto';
import { eventKey, streamKey } from '../src/adapters/sqlite/keys';

// The keys are stored in every row and looked up on every append: a faster computation must give
// exactly the values the first one (hex strings, a regular expression) stored.
const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f])/;
const referenceStreamKey = (s: string) => parseInt(createHash('sha1').update(s).digest('hex').slice(0, 13), 16);
const referenceEventKey = (s: string) => {
  const m = UUID.exec(s);
  return m ? parseInt(m[1] + m[2] + m[3], 16) : referenceStreamKey(s);
};

describe('sqlite index keys', () => {
  it('are the values stored before (fixed examples)', () => {
    expect(eventKey('8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b')).toBe(0x8a1f1c3e2b7e4);
    expect(eventKey('ffffffff-ffff-f')).toBe(2 ** 52 - 1);
    expect(streamKey('case-abc')).toBe(referenceStreamKey('case-abc'));
  });

  it('equal the reference on UUIDs, upper-case and malformed ids, and other text', () => {
    const samples = ['', 'x', 'FFFFFFFF-ffff-f', '0000000g-0000-0', '12345678-1234', '12345678_1234-1', 'case-é', '\u{1F600}', 'a'.repeat(500)];
    for (let i = 0; i < 2000; i++) samples.push(randomUUID(), randomUUID().toUpperCase(), `case-${randomUUID()}`, randomUUID().slice(0, 13 + (i % 4)));
    for (const s of samples) {
      expect(eventKey(s)).toBe(referenceEventKey(s));
      expect(streamKey(s)).toBe(referenceStreamKey(s));
    }
  });
});
