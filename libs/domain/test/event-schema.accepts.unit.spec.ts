import { validateSubmittedEvent } from '@trm/domain';
import { RECEIVED_AT, valid } from './fixtures';

describe('event schema v1 — accepted events', () => {
  it.each(Object.entries(valid))('accepts a minimal valid %s', (_name, build) => {
    const event = build();
    const result = validateSubmittedEvent(event, RECEIVED_AT);
    expect(result).toEqual({ ok: true, event });
    if (result.ok) expect(result.event).toBe(event); // no copy on the hot path
  });

  it('accepts both example lines of CONTRACT.md §1', () => {
    const lines = [
      '{"eventId":"8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b","type":"case.opened","schemaVersion":1,"country":"IT","caseRef":"IT-2024-0042","occurredAt":"2024-03-01T09:30:00+01:00","profile":{"ageBand":"18-24","sex":"female","citizenship":"RO","exploitation":["sexual"],"countryRole":"destination"}}',
      '{"eventId":"5b2e9d41-7c3a-4e1b-8f20-aa11bb22cc33","type":"measure.recorded","schemaVersion":1,"country":"IT","caseRef":"IT-2024-0042","occurredAt":"2024-03-01T15:00:00+01:00","measure":"SOP1.M1","status":"completed","actor":"law_enforcement"}',
    ];
    for (const line of lines) expect(validateSubmittedEvent(JSON.parse(line), RECEIVED_AT).ok).toBe(true);
  });

  it('accepts the optional fields', () => {
    const opened = valid.caseOpened();
    opened.profile = { ...opened.profile, exploitation: ['sexual', 'labour', 'begging'], presumedMinor: true } as typeof opened.profile;
    const measure = { ...valid.measureRecorded(), catalogueVersion: 'trm-baseline-1', checklist: ['SOP1.M1.1', 'SOP1.M1.12'] };
    expect(validateSubmittedEvent(opened, RECEIVED_AT).ok).toBe(true);
    expect(validateSubmittedEvent(measure, RECEIVED_AT).ok).toBe(true);
  });

  it('accepts XK, citizenship unknown, and all eight forms of exploitation', () => {
    const e = valid.caseOpened();
    e.country = 'XK';
    e.profile = {
      ...e.profile, citizenship: 'unknown',
      exploitation: ['sexual', 'labour', 'domestic_servitude', 'begging', 'criminal_activities', 'forced_marriage', 'organ_removal', 'other'],
    };
    expect(validateSubmittedEvent(e, RECEIVED_AT).ok).toBe(true);
  });

  it.each([
    ['upper-case UUID', { eventId: '8A1F1C3E-2B7E-4F0A-9A53-1C2D3E4F5A6B' }],
    ['UUID v7', { eventId: '01890a5d-ac96-774b-bcce-b302099a8057' }],
    ['UTC with Z and fraction', { occurredAt: '2024-03-01T08:30:00.123456Z' }],
    ['lower-case t and z (RFC 3339 §5.6)', { occurredAt: '2024-03-01t08:30:00z' }],
    ['negative offset', { occurredAt: '2024-02-29T23:30:00-05:30' }],
    ['caseRef with every allowed punctuation', { caseRef: 'IT/2024:00_42.a-b' }],
    ['64-character caseRef', { caseRef: 'a'.repeat(64) }],
  ])('accepts %s', (_name, patch) => {
    expect(validateSubmittedEvent({ ...valid.caseClosed(), ...patch }, RECEIVED_AT).ok).toBe(true);
  });

  it('accepts occurredAt exactly 5 minutes after receipt (boundary)', () => {
    const e = { ...valid.caseClosed(), occurredAt: '2024-03-02T00:05:00Z' };
    expect(validateSubmittedEvent(e, RECEIVED_AT).ok).toBe(true);
    expect(validateSubmittedEvent({ ...e, occurredAt: '2024-03-02T01:05:00+01:00' }, RECEIVED_AT).ok).toBe(true);
  });

  it('accepts every measure code shape the pattern allows, catalogue existence being a case rule', () => {
    for (const measure of ['SOP1.M1', 'SOP5.C1', 'SOP3.M99']) {
      expect(validateSubmittedEvent({ ...valid.measureRecorded(), measure }, RECEIVED_AT).ok).toBe(true);
    }
  });
});
