import { decide, evolve, foldCaseState } from '@trm/domain';
import { stored, valid } from './fixtures';

const codes = (errors: { code: string }[]) => errors.map((e) => e.code);
const caseWith = (profile: Record<string, unknown> = {}) => {
  const opened = valid.caseOpened();
  return foldCaseState('c1', [stored({ ...opened, profile: { ...opened.profile, ...profile } })]);
};
const measure = (fields: Record<string, unknown>) => stored(valid.measureRecorded(), fields);

describe('case rules — measures', () => {
  it('a catalogue measure is accepted, with the version in force or named explicitly', () => {
    expect(decide(caseWith(), measure({ measure: 'SOP2.M1' }))).toEqual([]);
    expect(decide(caseWith(), measure({ measure: 'SOP5.M6', catalogueVersion: 'trm-baseline-1' }))).toEqual([]);
  });

  it('a measure missing from the catalogue → unknown_measure at /measure', () => {
    expect(decide(caseWith(), measure({ measure: 'SOP1.M9' }))).toEqual([{ path: '/measure', code: 'unknown_measure', message: expect.any(String) }]);
    expect(codes(decide(caseWith(), measure({ measure: 'SOP2.C2' })))).toEqual(['unknown_measure']);
  });

  it('an unknown catalogue version → unknown_catalogue_version at /catalogueVersion', () => {
    expect(decide(caseWith(), measure({ catalogueVersion: 'trm-baseline-9' })))
      .toEqual([{ path: '/catalogueVersion', code: 'unknown_catalogue_version', message: expect.any(String) }]);
  });

  it('a child-specific measure on an adult case → not_applicable_to_case at /measure', () => {
    for (const code of ['SOP1.C1', 'SOP2.C1', 'SOP4.C1']) {
      expect(decide(caseWith({ ageBand: '25-34' }), measure({ measure: code })))
        .toEqual([{ path: '/measure', code: 'not_applicable_to_case', message: expect.any(String) }]);
    }
    expect(codes(decide(caseWith({ ageBand: 'unknown' }), measure({ measure: 'SOP1.C2' })))).toEqual(['not_applicable_to_case']);
  });

  it('a child-specific measure is accepted on a child case (age band or presumed minor)', () => {
    expect(decide(caseWith({ ageBand: '12-14' }), measure({ measure: 'SOP1.C1' }))).toEqual([]);
    expect(decide(caseWith({ ageBand: 'unknown', presumedMinor: true }), measure({ measure: 'SOP1.C2' }))).toEqual([]);
  });

  it('an adult-only measure on a child case is not a case rule (only child-only measures are)', () => {
    expect(decide(caseWith({ ageBand: '15-17' }), measure({ measure: 'SOP1.M4' }))).toEqual([]);
  });
});

describe('case rules — retractions', () => {
  const setup = () => {
    const opened = stored(valid.caseOpened());
    const m = stored(valid.measureRecorded());
    return { opened, m, state: foldCaseState('c1', [opened, m]) };
  };
  const retract = (id: string) => stored(valid.eventRetracted(), { retractsEventId: id });

  it('retracting an event of the case is accepted, whatever the case of the id', () => {
    const { state, m } = setup();
    expect(decide(state, retract(m.eventId))).toEqual([]);
    expect(decide(state, stored({ ...valid.eventRetracted(), retractsEventId: m.eventId.toUpperCase() }))).toEqual([]);
  });

  it('an id that is not an event of this case → unknown_event at /retractsEventId', () => {
    const { state } = setup();
    expect(decide(state, retract('99999999-0000-4000-8000-000000000000')))
      .toEqual([{ path: '/retractsEventId', code: 'unknown_event', message: expect.any(String) }]);
    const self = valid.eventRetracted();
    expect(codes(decide(state, stored({ ...self, retractsEventId: self.eventId })))).toEqual(['unknown_event']);
  });

  it('retracting a retraction → cannot_retract_retraction', () => {
    const { state, m } = setup();
    const r = retract(m.eventId);
    evolve(state, r);
    expect(decide(state, retract(r.eventId)))
      .toEqual([{ path: '/retractsEventId', code: 'cannot_retract_retraction', message: expect.any(String) }]);
  });

  it('retracting an already retracted event is accepted and harmless', () => {
    const { state, m } = setup();
    evolve(state, retract(m.eventId));
    const again = retract(m.eventId);
    expect(decide(state, again)).toEqual([]);
    evolve(state, again);
    expect([...state.retracted]).toEqual([m.eventId]);
    expect(state.revision).toBe(3);
  });

  it('retracting case.opened marks the case retracted', () => {
    const { state, opened } = setup();
    expect(decide(state, retract(opened.eventId))).toEqual([]);
    evolve(state, retract(opened.eventId));
    expect(state.openedRetracted).toBe(true);
  });
});
