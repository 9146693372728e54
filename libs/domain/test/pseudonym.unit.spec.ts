import { createHmac } from 'node:crypto';
import { base32Lower, CASE_ID_PATTERN, pseudonymousCaseId, toStoredEvent, type SubmittedEvent } from '@trm/domain';
import { valid } from './fixtures';

/** Independent RFC 4648 base32: via a bit string, the slow obvious way. */
function referenceBase32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

describe('pseudonymous case ids (CONTRACT.md §5)', () => {
  it('base32 matches the RFC 4648 §10 test vectors (lower case, no padding)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [input, expected] of vectors) {
      expect(base32Lower(Buffer.from(input))).toBe(expected.toLowerCase());
      expect(referenceBase32(Buffer.from(input)).replace(/=+$/, '')).toBe(expected);
    }
  });

  it('equals the first 26 chars of lowercase base32(HMAC-SHA-256(secret, "country:caseRef")), computed independently', () => {
    const cases: [string | Buffer, string, string][] = [
      ['demo-secret', 'IT', 'IT-2024-0042'],
      [Buffer.from('00112233445566778899aabbccddeeff', 'hex'), 'BG', 'sofia/2024:17'],
      ['s', 'XK', 'a'],
    ];
    for (const [secret, country, caseRef] of cases) {
      const mac = createHmac('sha256', secret).update(`${country}:${caseRef}`).digest();
      const expected = referenceBase32(mac).toLowerCase().slice(0, 26);
      const id = pseudonymousCaseId(secret, country, caseRef);
      expect(id).toBe(expected);
      expect(id).toHaveLength(26);
      expect(id).toMatch(/^[a-z2-7]{26}$/);
      expect(id).toMatch(CASE_ID_PATTERN);
    }
  });

  it('pins one vector so a change of algorithm cannot pass unnoticed', () => {
    const mac = createHmac('sha256', 'demo-secret').update('IT:IT-2024-0042').digest('hex');
    expect(mac).toHaveLength(64);
    expect(pseudonymousCaseId('demo-secret', 'IT', 'IT-2024-0042')).toBe(referenceBase32(Buffer.from(mac, 'hex')).slice(0, 26).toLowerCase());
  });

  it('depends on secret, country and caseRef; the separator keeps (country, caseRef) apart', () => {
    const base = pseudonymousCaseId('k', 'IT', 'A-1');
    expect(pseudonymousCaseId('k2', 'IT', 'A-1')).not.toBe(base);
    expect(pseudonymousCaseId('k', 'RO', 'A-1')).not.toBe(base);
    expect(pseudonymousCaseId('k', 'IT', 'A-2')).not.toBe(base);
    expect(pseudonymousCaseId('k', 'IT', 'A-1')).toBe(base);
  });
});

describe('toStoredEvent', () => {
  it('drops caseRef, adds caseId, keeps every other field', () => {
    const e = { ...valid.measureRecorded(), checklist: ['a'], catalogueVersion: 'trm-baseline-1' } as SubmittedEvent;
    const stored = toStoredEvent(e, 'abc');
    const { caseRef: _r, ...rest } = e;
    expect(stored).toEqual({ ...rest, caseId: 'abc' });
    expect('caseRef' in stored).toBe(false);
    expect('caseRef' in e).toBe(true); // the input is not mutated
  });

  it('lower-cases eventId and retractsEventId so ids compare case-insensitively', () => {
    const e = { ...valid.eventRetracted(), eventId: 'AAAAAAAA-0000-4000-8000-00000000000F', retractsEventId: 'BBBBBBBB-0000-4000-8000-00000000000F' } as SubmittedEvent;
    const stored = toStoredEvent(e, 'abc');
    expect(stored.eventId).toBe('aaaaaaaa-0000-4000-8000-00000000000f');
    expect(stored.type === 'event.retracted' && stored.retractsEventId).toBe('bbbbbbbb-0000-4000-8000-00000000000f');
  });
});
