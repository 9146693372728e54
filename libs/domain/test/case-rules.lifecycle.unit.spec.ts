import { decide, emptyCaseState, evolve, foldCaseState, type StoredEventData } from '@trm/domain';
import { stored, valid } from './fixtures';

const codes = (errors: { code: string }[]) => errors.map((e) => e.code);
const at = (iso: string) => ({ occurredAt: iso });
const nonOpening = () => [valid.measureRecorded(), valid.referralSent(), valid.referralReceived(), valid.referralFeedback(), valid.caseClosed(), valid.eventRetracted()];

describe('case rules — existence', () => {
  it('a case.opened on an empty stream is accepted; evolve counts revisions from -1', () => {
    const state = emptyCaseState('c1');
    expect(state.revision).toBe(-1);
    const opened = stored(valid.caseOpened());
    expect(decide(state, opened)).toEqual([]);
    evolve(state, opened);
    expect(state.revision).toBe(0);
    expect(state.opened).toEqual({ eventId: opened.eventId, profile: (opened as { profile: unknown }).profile, country: 'IT', child: false });
  });

  it.each(nonOpening().map((e) => [e.type, e] as const))('%s without case.opened → unknown_case', (_type, e) => {
    expect(decide(emptyCaseState('c1'), stored(e))).toEqual([{ path: '', code: 'unknown_case', message: expect.any(String) }]);
  });

  it('a case.opened earlier in the same submission makes the case known (evolve before the next decide)', () => {
    const state = emptyCaseState('c1');
    const opened = stored(valid.caseOpened());
    evolve(state, opened);
    expect(decide(state, stored(valid.measureRecorded()))).toEqual([]);
  });

  it('a second case.opened → case_exists, also once the first was retracted', () => {
    const opened = stored(valid.caseOpened());
    const state = foldCaseState('c1', [opened]);
    expect(codes(decide(state, stored(valid.caseOpened())))).toEqual(['case_exists']);
    evolve(state, stored(valid.eventRetracted(), { retractsEventId: opened.eventId }));
    expect(codes(decide(state, stored(valid.caseOpened())))).toEqual(['case_exists']);
  });

  it.each(nonOpening().map((e) => [e.type, e] as const))('after its case.opened is retracted, %s → unknown_case (retracted)', (_type, e) => {
    const opened = stored(valid.caseOpened());
    const state = foldCaseState('c1', [opened, stored(valid.eventRetracted(), { retractsEventId: opened.eventId })]);
    expect(state.openedRetracted).toBe(true);
    const errors = decide(state, stored(e, e.type === 'event.retracted' ? { retractsEventId: opened.eventId } : {}));
    expect(codes(errors)).toEqual(['unknown_case']);
    expect(errors[0].message).toMatch(/retracted/);
  });

  it('an eventId already in the stream is an event_id_conflict (duplicates are filtered before decide)', () => {
    const opened = stored(valid.caseOpened());
    const measure = stored(valid.measureRecorded());
    const state = foldCaseState('c1', [opened, measure]);
    expect(decide(state, stored(valid.caseClosed(), { eventId: measure.eventId.toUpperCase() }))).toEqual([
      { path: '/eventId', code: 'event_id_conflict', message: expect.any(String) },
    ]);
  });

  it('foldCaseState equals evolving one event at a time', () => {
    const events: StoredEventData[] = [stored(valid.caseOpened()), stored(valid.measureRecorded()), stored(valid.caseClosed())];
    const stepwise = emptyCaseState('c1');
    for (const e of events) evolve(stepwise, e);
    expect(foldCaseState('c1', events)).toEqual(stepwise);
    expect(stepwise.revision).toBe(2);
    expect(stepwise.events.size).toBe(3);
  });
});

describe('case rules — closed cases', () => {
  const closedAt = '2024-03-10T12:00:00Z';
  const closedCase = () => {
    const close = stored(valid.caseClosed(), at(closedAt));
    return { close, state: foldCaseState('c1', [stored(valid.caseOpened()), close]) };
  };

  it('an event that occurred after the closure → case_closed at /occurredAt', () => {
    expect(decide(closedCase().state, stored(valid.measureRecorded(), at('2024-03-10T12:00:00.001Z'))))
      .toEqual([{ path: '/occurredAt', code: 'case_closed', message: expect.any(String) }]);
    expect(codes(decide(closedCase().state, stored(valid.referralSent(), at('2024-03-10T13:00:01+01:00'))))).toEqual(['case_closed']);
  });

  it('a late report of something that happened before (or at) the closure is accepted', () => {
    expect(decide(closedCase().state, stored(valid.measureRecorded(), at('2024-03-09T08:00:00Z')))).toEqual([]);
    expect(decide(closedCase().state, stored(valid.measureRecorded(), at('2024-03-10T13:00:00+01:00')))).toEqual([]);
  });

  it('a retraction is accepted after the closure', () => {
    const { state, close } = closedCase();
    expect(decide(state, stored(valid.eventRetracted(), { ...at('2024-04-01T00:00:00Z'), retractsEventId: close.eventId }))).toEqual([]);
  });

  it('a retracted case.closed no longer closes the case', () => {
    const { state, close } = closedCase();
    evolve(state, stored(valid.eventRetracted(), { retractsEventId: close.eventId }));
    expect(state.closedAt).toBeUndefined();
    expect(decide(state, stored(valid.measureRecorded(), at('2024-04-01T00:00:00Z')))).toEqual([]);
  });

  it('closedAt is the earliest effective case.closed, recomputed when one is retracted', () => {
    const { state } = closedCase();
    expect(codes(decide(state, stored(valid.caseClosed(), at('2024-03-11T00:00:00Z'))))).toEqual(['case_closed']);
    const earlier = stored(valid.caseClosed(), at('2024-03-05T00:00:00Z'));
    expect(decide(state, earlier)).toEqual([]);
    evolve(state, earlier);
    expect(state.closedAt).toBe(Date.parse('2024-03-05T00:00:00Z'));
    evolve(state, stored(valid.eventRetracted(), { retractsEventId: earlier.eventId }));
    expect(state.closedAt).toBe(Date.parse(closedAt));
  });
});
