// The reference implementation, hand-computed: knowledge as of T, effectiveness, live cases, cohorts.
import type { IndicatorRow } from '../../indicators/src/indicator.types';
import { dimensionKey, referenceIndicator, Scenario, query } from '../src/reference';

const only = (rows: IndicatorRow[], dims: Partial<IndicatorRow> = {}): IndicatorRow => {
  const hits = rows.filter((r) => Object.entries(dims).every(([k, v]) => (r as Record<string, unknown>)[k] === v));
  if (hits.length !== 1) throw new Error(`expected one row for ${JSON.stringify(dims)}, got ${JSON.stringify(rows)}`);
  return hits[0];
};

describe('as of T', () => {
  const s = new Scenario();
  s.open('c1', '2024-03-01T10:00:00.000Z', { recordedAt: '2024-03-01T12:00:00.000Z' });
  const m = s.measure('c1', 'SOP1.M1', 'completed', '2024-03-02T10:00:00.000Z', {
    recordedAt: '2024-03-05T00:00:00.000Z',
  });
  s.retract('c1', m, '2024-03-10T00:00:00.000Z', { recordedAt: '2024-03-10T00:00:00.000Z' });
  const compliance = (asOf: string) =>
    referenceIndicator(s.events, 'measure.compliance', query({ asOf, measures: ['SOP1.M1'] }));

  it('knows nothing of a case before its case.opened is recorded', () => {
    expect(compliance('2024-03-01T11:59:59.999Z')).toEqual([]);
    expect(referenceIndicator(s.events, 'case.count', query({ asOf: '2024-03-01T11:59:59.999Z' }))).toEqual([]);
  });

  it('excludes events recorded after T and includes one recorded exactly at T', () => {
    expect(only(compliance('2024-03-04T23:59:59.999Z'))).toMatchObject({ numerator: 0, denominator: 1 });
    expect(only(compliance('2024-03-05T00:00:00.000Z'))).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('ignores a retraction recorded after T, honours it from its recordedAt on', () => {
    expect(only(compliance('2024-03-09T23:59:59.999Z'))).toMatchObject({ numerator: 1, denominator: 1 });
    expect(only(compliance('2024-03-10T00:00:00.000Z'))).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('does not count the retraction itself as an event (data.reporting_lag)', () => {
    const lag = referenceIndicator(s.events, 'data.reporting_lag', query());
    expect(only(lag).n).toBe(1); // case.opened only: the measure is retracted, the retraction is no event
    expect(only(lag).median).toBeCloseTo(2 / 24, 12);
  });
});

describe('retraction of case.opened removes the whole case', () => {
  const s = new Scenario('2024-04-10T00:00:00.000Z');
  s.open('bg1', '2024-04-01T00:00:00.000Z', { country: 'BG' });
  s.measure('bg1', 'SOP1.M1', 'completed', '2024-04-01T06:00:00.000Z');
  s.sent('bg1', 'R1', 'RO', '2024-04-02T00:00:00.000Z');
  const roOpened = s.open('ro1', '2024-04-03T00:00:00.000Z', { country: 'RO' });
  s.received('ro1', 'R1', 'BG', '2024-04-03T00:00:00.000Z');
  s.measure('ro1', 'SOP1.M1', 'offered', '2024-04-03T06:00:00.000Z');
  s.retract('ro1', roOpened, '2024-05-01T00:00:00.000Z', { recordedAt: '2024-05-01T00:00:00.000Z' });
  const before = '2024-04-30T00:00:00.000Z';

  it('before the retraction both cases count', () => {
    expect(only(referenceIndicator(s.events, 'case.count', query({ asOf: before }))).count).toBe(2);
    expect(only(referenceIndicator(s.events, 'referral.acknowledgement', query({ asOf: before })))).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(only(referenceIndicator(s.events, 'data.reporting_lag', query({ asOf: before }))).n).toBe(6);
    expect(
      only(referenceIndicator(s.events, 'measure.compliance', query({ asOf: before, measures: ['SOP1.M1'] }))),
    ).toMatchObject({ numerator: 2, denominator: 2 });
  });

  it('after it, the case is gone from cohorts, measures, referral matching and reporting lag', () => {
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['country'] }))).toEqual([
      { country: 'BG', count: 1 },
    ]);
    expect(only(referenceIndicator(s.events, 'referral.acknowledgement', query()))).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
    expect(referenceIndicator(s.events, 'referral.days_to_acknowledgement', query())).toEqual([]);
    expect(only(referenceIndicator(s.events, 'data.reporting_lag', query())).n).toBe(3);
    expect(only(referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.M1'] })))).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
  });

  it('a retracted sender case takes its referrals out of every denominator', () => {
    const t = new Scenario();
    const opened = t.open('bg1', '2024-04-01T00:00:00.000Z');
    t.sent('bg1', 'R1', 'RO', '2024-04-02T00:00:00.000Z');
    t.retract('bg1', opened, '2024-04-05T00:00:00.000Z');
    for (const id of [
      'referral.acknowledgement',
      'referral.feedback',
      'referral.days_to_acknowledgement',
      'data.reporting_lag',
      'case.count',
    ]) {
      expect(referenceIndicator(t.events, id, query())).toEqual([]);
    }
  });
});

describe('cohort [from, to)', () => {
  const s = new Scenario();
  s.open('a', '2024-03-01T00:00:00.000Z');
  s.open('b', '2024-03-31T23:59:59.999Z');
  s.open('c', '2024-04-01T00:00:00.000Z');
  s.open('d', '2024-03-15T00:00:00.000Z', { country: 'RO' });

  it('includes openedAt = from, excludes openedAt = to; a missing bound is unbounded', () => {
    expect(
      only(referenceIndicator(s.events, 'case.count', query({ from: '2024-03-01', to: '2024-04-01' }))).count,
    ).toBe(3);
    expect(only(referenceIndicator(s.events, 'case.count', query({ from: '2024-03-01T00:00:00.001Z' }))).count).toBe(3);
    expect(only(referenceIndicator(s.events, 'case.count', query({ to: '2024-03-15T00:00:00.000Z' }))).count).toBe(1);
  });

  it('filters on the case country', () => {
    expect(only(referenceIndicator(s.events, 'case.count', query({ countries: ['RO'] }))).count).toBe(1);
    expect(only(referenceIndicator(s.events, 'case.count', query({ countries: ['RO', 'BG'] }))).count).toBe(4);
    expect(referenceIndicator(s.events, 'case.count', query({ countries: ['IT'] }))).toEqual([]);
  });
});

describe('rows and dimensions', () => {
  const s = new Scenario();
  s.open('a', '2024-03-01T00:00:00.000Z');
  s.measure('a', 'SOP1.M1', 'completed', '2024-03-02T00:00:00.000Z');

  it('omits rows whose denominator, n or count is 0 but keeps a numerator of 0', () => {
    const rows = referenceIndicator(s.events, 'measure.compliance', query({ groupBy: ['country'] }));
    expect(rows.every((r) => r.country === 'BG' && (r.denominator as number) > 0)).toBe(true);
    expect(rows.some((r) => r.measure?.startsWith('SOP3.'))).toBe(false); // nobody entered SOP 3
    expect(rows.some((r) => r.measure?.includes('.C'))).toBe(false); // no child
    expect(only(rows, { measure: 'SOP1.M2' })).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(referenceIndicator(s.events, 'measure.overdue', query({ asOf: '2024-03-01T12:00:00.000Z' }))).toEqual([]);
    expect(referenceIndicator(s.events, 'case.count', query({ countries: ['RO'] }))).toEqual([]);
    expect(referenceIndicator(s.events, 'referral.days_to_acknowledgement', query())).toEqual([]);
  });

  it('measure.* rows carry measure and sop; filters on measure and SOP restrict the rows', () => {
    const rows = referenceIndicator(s.events, 'measure.compliance', query({ sops: [2] }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sop === 2 && r.measure?.startsWith('SOP2.'))).toBe(true);
    expect(
      referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.M1', 'SOP2.M1'], sops: [1] })),
    ).toEqual([{ measure: 'SOP1.M1', sop: 1, numerator: 1, denominator: 1, value: 1, ci95: expect.any(Array) }]);
  });

  it('sorts rows by their dimensions and writes the keys measure, sop, then groupBy order', () => {
    const rows = referenceIndicator(
      s.events,
      'measure.compliance',
      query({ groupBy: ['sex', 'country'], measures: ['SOP1.M2', 'SOP1.M1'] }),
    );
    expect(rows.map((r) => Object.keys(r).slice(0, 4))).toEqual([
      ['measure', 'sop', 'sex', 'country'],
      ['measure', 'sop', 'sex', 'country'],
    ]);
    expect(rows.map((r) => r.measure)).toEqual(['SOP1.M1', 'SOP1.M2']);
  });

  it('drops dimensions that mean nothing for the indicator and refuses two periods', () => {
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['toCountry', 'measure', 'sop'] }))).toEqual([
      { count: 1 },
    ]);
    expect(() =>
      referenceIndicator(s.events, 'case.count', query({ groupBy: ['period:month', 'period:year'] })),
    ).toThrow(/period/);
    expect(() => referenceIndicator(s.events, 'no.such', query())).toThrow(/unknown indicator/);
  });

  it('dimensionKey ignores property order and figures', () => {
    expect(dimensionKey({ country: 'BG', sop: 1, measure: 'SOP1.M1' })).toBe(
      dimensionKey({ measure: 'SOP1.M1', sop: 1, country: 'BG', numerator: 3 } as IndicatorRow),
    );
    expect(dimensionKey({ country: 'BG' })).not.toBe(dimensionKey({ country: 'RO' }));
  });
});
