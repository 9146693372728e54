import { createHmac } from 'node:crypto';
import { base32Lower, CASE_ID_PATTERN, pseudonymousCaseId, pseudonymousReferralId, rekeyLegacyReferral, toStoredEvent, type SubmittedEvent } from '@trm/domain';
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
  it('drops caseRef, adds caseId, normalises occurredAt to UTC milliseconds, keeps every other field', () => {
    const e = { ...valid.measureRecorded(), checklist: ['SOP1.M1.1'], catalogueVersion: 'trm-baseline-1' } as SubmittedEvent;
    const stored = toStoredEvent(e, 'abc');
    const { caseRef: _r, ...rest } = e;
    expect(stored).toEqual({ ...rest, caseId: 'abc', occurredAt: new Date(e.occurredAt).toISOString() });
    expect('caseRef' in stored).toBe(false);
    expect('caseRef' in e).toBe(true); // the input is not mutated
  });

  it('lower-cases eventId and retractsEventId so ids compare case-insensitively', () => {
    const e = { ...valid.eventRetracted(), eventId: 'AAAAAAAA-0000-4000-8000-00000000000F', retractsEventId: 'BBBBBBBB-0000-4000-8000-00000000000F' } as SubmittedEvent;
    const stored = toStoredEvent(e, 'abc');
    expect(stored.eventId).toBe('aaaaaaaa-0000-4000-8000-00000000000f');
    expect(stored.type === 'event.retracted' && stored.retractsEventId).toBe('bbbbbbbb-0000-4000-8000-00000000000f');
  });

  it.each([
    ['2024-01-01T00:00:00z', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01t01:30:00+01:30', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01T00:00:00.123456789-00:00', '2024-01-01T00:00:00.123Z'],
    ['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
  ])('occurredAt %p is stored as %p', (occurredAt, expected) => {
    expect(toStoredEvent({ ...valid.caseClosed(), occurredAt } as SubmittedEvent, 'abc').occurredAt).toBe(expected);
  });

  it('re-keys the referral id with the given function; the submitted id is not kept', () => {
    const e = { ...valid.referralSent(), referralId: 'Maria.Popescu.1990-01-18' } as SubmittedEvent;
    const stored = toStoredEvent(e, 'abc', (id) => pseudonymousReferralId('k', id));
    expect(stored.type === 'referral.sent' && stored.referralId).toMatch(CASE_ID_PATTERN);
    expect(JSON.stringify(stored)).not.toContain('Maria');
    // Both sides of a referral know the same id, whatever their country: the keys match.
    expect(pseudonymousReferralId('k', 'R-1')).toBe(pseudonymousReferralId('k', 'R-1'));
    expect(pseudonymousReferralId('k', 'R-1')).not.toBe(pseudonymousReferralId('k2', 'R-1'));
  });

  it('legacy referral ids (stored before re-keying) are re-keyed on reading; re-keyed ones are left alone', () => {
    const rekey = rekeyLegacyReferral('k');
    const legacy = { referralId: 'IT-R-7', type: 'referral.received' };
    expect(rekey(legacy)).toEqual({ referralId: pseudonymousReferralId('k', 'IT-R-7'), type: 'referral.received' });
    const keyed = { referralId: pseudonymousReferralId('k', 'IT-R-7') };
    expect(rekey(keyed)).toBe(keyed);
  });
});
