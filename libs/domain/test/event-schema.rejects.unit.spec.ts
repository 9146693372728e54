import { validateSubmittedEvent, type EventError } from '@trm/domain';
import { RECEIVED_AT, valid } from './fixtures';

/** Errors of an event that must be rejected; also checks that no message echoes a submitted value. */
function errorsOf(event: unknown, ...secrets: string[]): EventError[] {
  const result = validateSubmittedEvent(event, RECEIVED_AT);
  if (result.ok) throw new Error('expected a rejection');
  for (const e of result.errors) for (const s of secrets) expect(e.message).not.toContain(s);
  return result.errors;
}
const only = (path: string, code: string) => [expect.objectContaining({ path, code, message: expect.any(String) })];

describe('event schema v1 — rejections', () => {
  it('bad vocabulary value → enum at its JSON pointer', () => {
    const e = valid.caseOpened();
    e.profile = { ...e.profile, ageBand: 'Maria-17' };
    expect(errorsOf(e, 'Maria')).toEqual(only('/profile/ageBand', 'enum'));
    expect(errorsOf({ ...valid.measureRecorded(), actor: 'officer Rossi' }, 'Rossi')).toEqual(only('/actor', 'enum'));
    expect(errorsOf({ ...valid.caseClosed(), reason: 'found alive' }, 'alive')).toEqual(only('/reason', 'enum'));
  });

  it('unknown type → enum at /type; missing type → required; non-string type → type', () => {
    expect(errorsOf({ ...valid.caseClosed(), type: 'case.deleted' }, 'case.deleted')).toEqual(only('/type', 'enum'));
    const { type: _t, ...untyped } = valid.caseClosed();
    expect(errorsOf(untyped)).toEqual(only('/type', 'required'));
    expect(errorsOf({ ...valid.caseClosed(), type: 7 })).toEqual(only('/type', 'type'));
  });

  /** Errors whose path and message never name the unknown key (it is the submitter's text). */
  function nameless(event: unknown, ...secrets: string[]): EventError[] {
    const errors = errorsOf(event, ...secrets);
    for (const e of errors) for (const s of secrets) expect(e.path).not.toContain(s);
    return errors;
  }

  it('unknown property at top level → additionalProperties at the object, never naming the key', () => {
    expect(nameless({ ...valid.caseClosed(), fullName: 'Maria Popescu' }, 'Maria', 'fullName'))
      .toEqual(only('', 'additionalProperties'));
    expect(nameless({ ...valid.caseClosed(), 'maria.popescu@example.com': 1 }, 'maria', 'example'))
      .toEqual(only('', 'additionalProperties'));
  });

  it('unknown property inside profile is rejected too; pointer escapes ~ and /', () => {
    const e = valid.caseOpened();
    (e.profile as Record<string, unknown>).notes = 'met at the border';
    expect(nameless(e, 'border', 'notes')).toEqual(only('/profile', 'additionalProperties'));
    expect(nameless({ ...valid.caseClosed(), 'a/b~c': 1 }, 'a/b', 'a~1b')).toEqual(only('', 'additionalProperties'));
  });

  it('prototype-named keys are unknown properties too', () => {
    for (const key of ['__proto__', 'constructor', 'hasOwnProperty']) {
      expect(nameless(JSON.parse(`{"${key}":1,${JSON.stringify(valid.caseClosed()).slice(1)}`), key)).toEqual(only('', 'additionalProperties'));
    }
  });

  it('a property of another type is unknown for this type', () => {
    expect(errorsOf({ ...valid.caseClosed(), measure: 'SOP1.M1' })).toEqual(only('', 'additionalProperties'));
  });

  it('wrong JSON type → type', () => {
    expect(errorsOf({ ...valid.caseOpened(), profile: 'adult' }, 'adult')).toEqual(only('/profile', 'type'));
    expect(errorsOf({ ...valid.caseClosed(), caseRef: 42 })).toEqual(only('/caseRef', 'type'));
    expect(errorsOf([valid.caseClosed()])).toEqual(only('', 'type'));
    expect(errorsOf(null)).toEqual(only('', 'type'));
  });

  it('missing required fields → required at the missing property', () => {
    const { occurredAt: _o, ...noTime } = valid.caseClosed();
    expect(errorsOf(noTime)).toEqual(only('/occurredAt', 'required'));
    const e = valid.caseOpened();
    const { sex: _s, ...profile } = e.profile;
    expect(errorsOf({ ...e, profile })).toEqual(only('/profile/sex', 'required'));
  });

  it.each(['UK', 'EU', 'it', 'ITA', 'XX', ''])('country %p is not an ISO 3166-1 alpha-2 code or XK', (country) => {
    expect(errorsOf({ ...valid.caseClosed(), country })).toEqual(only('/country', 'enum'));
    expect(errorsOf({ ...valid.referralSent(), toCountry: country })).toEqual(only('/toCountry', 'enum'));
    expect(errorsOf({ ...valid.referralReceived(), fromCountry: country })).toEqual(only('/fromCountry', 'enum'));
    const e = valid.caseOpened();
    expect(errorsOf({ ...e, profile: { ...e.profile, citizenship: country } })).toEqual(only('/profile/citizenship', 'enum'));
  });

  it.each(['', 'IT 2024', 'a'.repeat(65), 'IT-2024-ä', 'x\n'])('caseRef %p → pattern', (caseRef) => {
    expect(errorsOf({ ...valid.caseClosed(), caseRef }, 'IT 2024')).toEqual(only('/caseRef', 'pattern'));
  });

  it('referralId may not contain a slash (unlike caseRef)', () => {
    expect(errorsOf({ ...valid.referralSent(), referralId: 'IT/R-1' })).toEqual(only('/referralId', 'pattern'));
  });

  it.each(['8a1f1c3e2b7e4f0a9a531c2d3e4f5a6b', '8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6', 'urn:uuid:8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b', '8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6g'])(
    'eventId %p is not a UUID → pattern', (eventId) => {
      expect(errorsOf({ ...valid.caseClosed(), eventId })).toEqual(only('/eventId', 'pattern'));
      expect(errorsOf({ ...valid.eventRetracted(), retractsEventId: eventId })).toEqual(only('/retractsEventId', 'pattern'));
    });

  it('schemaVersion other than 1 → const', () => {
    expect(errorsOf({ ...valid.caseClosed(), schemaVersion: 2 })).toEqual(only('/schemaVersion', 'const'));
    expect(errorsOf({ ...valid.caseClosed(), schemaVersion: '1' })).toEqual(only('/schemaVersion', 'const'));
  });

  it('consent must be true', () => {
    expect(errorsOf({ ...valid.referralSent(), consent: false })).toEqual(only('/consent', 'const'));
    const { consent: _c, ...noConsent } = valid.referralSent();
    expect(errorsOf(noConsent)).toEqual(only('/consent', 'required'));
  });

  it('exploitation: 1 to 8 distinct values of the vocabulary', () => {
    const e = valid.caseOpened();
    const withForms = (exploitation: unknown) => ({ ...e, profile: { ...e.profile, exploitation } });
    expect(errorsOf(withForms(['sexual', 'labour', 'sexual']))).toEqual(only('/profile/exploitation', 'uniqueItems'));
    expect(errorsOf(withForms([]))).toEqual(only('/profile/exploitation', 'minItems'));
    expect(errorsOf(withForms(Array(9).fill('other')))[0]).toEqual(expect.objectContaining({ path: '/profile/exploitation', code: 'maxItems' }));
    expect(errorsOf(withForms(['sexual', 'slavery']), 'slavery')).toEqual(only('/profile/exploitation/1', 'enum'));
    expect(errorsOf(withForms('sexual'))).toEqual(only('/profile/exploitation', 'type'));
  });

  it('measure, checklist and catalogueVersion patterns', () => {
    const m = valid.measureRecorded();
    for (const measure of ['SOP6.M1', 'SOP1.X1', 'SOP1.M100', 'sop1.m1']) expect(errorsOf({ ...m, measure })).toEqual(only('/measure', 'pattern'));
    expect(errorsOf({ ...m, checklist: ['SOP1.M1.1', 'has space'] }, 'has space')).toEqual(only('/checklist/1', 'pattern'));
    // Checklist items are codes of the measure's own items, never free text.
    for (const item of ['consent.signed', 'lang_RO', 'Maria.Popescu', 'SOP1.M1.0', 'SOP1.M1.100', 'SOP1.M1.x']) {
      expect(errorsOf({ ...m, checklist: [item] }, item)).toEqual(only('/checklist/0', 'pattern'));
    }
    expect(errorsOf({ ...m, checklist: ['SOP1.M1.1', 'SOP2.M1.1'] })).toEqual(only('/checklist/1', 'unknown_checklist_item'));
    expect(errorsOf({ ...m, checklist: ['SOP1.M1.1', 'SOP1.M1.1'] })).toEqual(only('/checklist', 'uniqueItems'));
    expect(errorsOf({ ...m, checklist: Array.from({ length: 51 }, (_, i) => `SOP1.M1.${i + 1}`) })).toEqual(only('/checklist', 'maxItems'));
    expect(errorsOf({ ...m, catalogueVersion: 'TRM-Baseline-1' })).toEqual(only('/catalogueVersion', 'pattern'));
  });

  it('presumedMinor must be boolean', () => {
    const e = valid.caseOpened();
    expect(errorsOf({ ...e, profile: { ...e.profile, presumedMinor: 'yes' } })).toEqual(only('/profile/presumedMinor', 'type'));
  });

  it('reports every problem of an event, one per path', () => {
    const e = { ...valid.caseClosed(), country: 'ZZ', reason: 5, extra: true, schemaVersion: 3 };
    expect(errorsOf(e).map((x) => `${x.path} ${x.code}`).sort())
      .toEqual([' additionalProperties', '/country enum', '/reason type', '/schemaVersion const']);
  });
});
