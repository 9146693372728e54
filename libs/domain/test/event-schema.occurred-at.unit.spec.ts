import { parseRfc3339, validateSubmittedEvent } from '@trm/domain';
import { RECEIVED_AT, valid } from './fixtures';

const check = (occurredAt: unknown) => validateSubmittedEvent({ ...valid.caseClosed(), occurredAt }, RECEIVED_AT);

describe('occurredAt: RFC 3339 date-time with offset, not in the future', () => {
  it.each([
    ['no offset', '2024-03-01T09:30:00'],
    ['date only', '2024-03-01'],
    ['space instead of T', '2024-03-01 09:30:00Z'],
    ['offset without colon', '2024-03-01T09:30:00+0100'],
    ['impossible day', '2023-02-29T09:30:00Z'],
    ['31 April', '2024-04-31T09:30:00Z'],
    ['hour 24', '2024-03-01T24:00:00Z'],
    ['leap second', '2016-12-31T23:59:60Z'],
    ['empty fraction', '2024-03-01T09:30:00.Z'],
    ['offset hour 24', '2024-03-01T09:30:00+24:00'],
    ['offset past +14:00 (no time zone is)', '2024-03-01T09:30:00+23:59'],
    ['offset past -12:00', '2024-03-01T09:30:00-12:01'],
    ['minute 60 in the offset', '2024-03-01T09:30:00+01:60'],
    ['trailing text', '2024-03-01T09:30:00Z '],
  ])('%s → format', (_name, occurredAt) => {
    expect(check(occurredAt)).toEqual({ ok: false, errors: [expect.objectContaining({ path: '/occurredAt', code: 'format' })] });
  });

  it.each([
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 1899', '1899-12-31T23:59:59Z'],
    ['one millisecond before 1990', '1989-12-31T23:59:59.999Z'],
    ['1990 at +01:00 is still 1989 in UTC', '1990-01-01T00:30:00+01:00'],
  ])('%s → occurred_out_of_range', (_name, occurredAt) => {
    expect(check(occurredAt)).toEqual({ ok: false, errors: [expect.objectContaining({ path: '/occurredAt', code: 'occurred_out_of_range' })] });
  });

  it.each(['1990-01-01T00:00:00Z', '2024-01-01T00:00:00z', '2024-01-01t00:00:00Z', '2024-03-01T09:30:00+14:00', '2024-03-01T09:30:00-12:00', '2024-03-01T09:30:00-00:00'])(
    'accepts %p (lower-case t and z are RFC 3339; offsets of real time zones)', (occurredAt) => {
      expect(check(occurredAt).ok).toBe(true);
    });

  it('a number is a type error', () => {
    expect(check(1709285400000)).toEqual({ ok: false, errors: [expect.objectContaining({ path: '/occurredAt', code: 'type' })] });
  });

  it('more than 5 minutes after receipt → occurred_in_future (1 ms past the boundary)', () => {
    const result = check('2024-03-02T00:05:00.001Z');
    expect(result).toEqual({ ok: false, errors: [{ path: '/occurredAt', code: 'occurred_in_future', message: expect.any(String) }] });
    expect(check('2024-03-02T00:05:00.000Z').ok).toBe(true);
  });

  it('the offset counts: 00:10 at +01:00 is 23:10 UTC, in the past', () => {
    expect(check('2024-03-02T00:10:00+01:00').ok).toBe(true);
    expect(check('2024-03-01T23:10:00-01:00').ok).toBe(false);
  });

  it('a future event with other errors reports both', () => {
    const result = validateSubmittedEvent({ ...valid.caseClosed(), reason: 'x', occurredAt: '2030-01-01T00:00:00Z' }, RECEIVED_AT);
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['enum', 'occurred_in_future']);
  });

  it('parseRfc3339 agrees with Date.parse on valid instants, and handles leap years and early years', () => {
    for (const s of ['2024-03-01T09:30:00+01:00', '2024-02-29T23:59:59.999Z', '1999-12-31T23:00:00-02:00', '1970-01-01T00:00:00Z', '2000-02-29T12:00:00.5+05:45']) {
      expect(parseRfc3339(s)).toBe(Date.parse(s));
    }
    expect(parseRfc3339('0001-01-01T00:00:00Z')).toBe(-62135596800000);
    expect(parseRfc3339('1900-02-29T00:00:00Z')).toBeNaN();
    expect(parseRfc3339('2024-03-01T09:30:00.123456789Z')).toBe(Date.parse('2024-03-01T09:30:00.123Z'));
    expect(parseRfc3339('2024-03-01T09:30:00.1234567890Z')).toBeNaN();
  });
});
