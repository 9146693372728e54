// The reference implementation, hand-computed: quantiles, Wilson intervals, periods, multi-valued
// exploitation, reporting lag.
import { formatPeriod, quantileInclusive, referenceIndicator, Scenario, query, wilson } from '../src/reference';

const DAY = 86_400_000;

/** n cases whose only event, case.opened, is recorded `lags[i]` days after it happened. */
function lagScenario(lags: number[]): Scenario {
  const s = new Scenario();
  lags.forEach((days, i) => {
    const opened = Date.parse('2024-02-01T00:00:00.000Z') + i * 3_600_000;
    s.open(`c${i}`, new Date(opened).toISOString(), { recordedAt: new Date(opened + days * DAY).toISOString() });
  });
  return s;
}

describe('quantiles (inclusive: position p·(n−1), linear interpolation)', () => {
  it.each([
    { lags: [3], median: 3, p90: 3 },
    { lags: [3, 1], median: 2, p90: 2.8 },
    { lags: [10, 1, 2, 3, 4, 5, 6, 7, 8, 9], median: 5.5, p90: 9.1 },
    { lags: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 40], median: 0.5, p90: 4.45 },
  ])('data.reporting_lag over $lags', ({ lags, median, p90 }) => {
    const rows = referenceIndicator(lagScenario(lags).events, 'data.reporting_lag', query());
    expect(rows).toHaveLength(1);
    expect(rows[0].n).toBe(lags.length);
    expect(rows[0].median).toBeCloseTo(median, 12);
    expect(rows[0].p90).toBeCloseTo(p90, 12);
  });

  it('quantileInclusive on its own', () => {
    expect(quantileInclusive([], 0.5)).toBeUndefined();
    expect(quantileInclusive([7], 0.9)).toBe(7);
    expect(quantileInclusive([1, 3], 0.5)).toBe(2);
    expect(quantileInclusive([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantileInclusive([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
  });
});

describe('Wilson score interval, z = 1.959964', () => {
  it('12/20 ≈ [0.3866, 0.7812]', () => {
    const [lo, hi] = wilson(12, 20) as [number, number];
    expect(lo).toBeCloseTo(0.3866, 4);
    expect(hi).toBeCloseTo(0.7812, 4);
    // Independently computed (Python, the same formula): 0.38658149923475427, 0.7811934687282198.
    expect(lo).toBeCloseTo(0.38658149923475427, 14);
    expect(hi).toBeCloseTo(0.7811934687282198, 14);
  });

  it('0/n starts at 0, n/n ends at 1, n = 0 has none', () => {
    expect((wilson(0, 7) as number[])[0]).toBeCloseTo(0, 12);
    expect((wilson(7, 7) as number[])[1]).toBeCloseTo(1, 12);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('periods (UTC)', () => {
  it('formats month, quarter and year', () => {
    const t = Date.parse('2024-07-15T12:00:00.000Z');
    expect(formatPeriod('period:month', t)).toBe('2024-07');
    expect(formatPeriod('period:quarter', t)).toBe('2024-Q3');
    expect(formatPeriod('period:year', t)).toBe('2024');
    expect(formatPeriod('period:quarter', Date.parse('2024-12-31T23:59:59.999Z'))).toBe('2024-Q4');
    expect(formatPeriod('period:quarter', Date.parse('2025-01-01T00:00:00.000Z'))).toBe('2025-Q1');
  });

  it('takes case periods from openedAt in UTC, whatever offset it was written with', () => {
    const s = new Scenario();
    s.open('a', '2024-07-01T00:30:00.000+02:00'); // 2024-06-30T22:30Z
    s.open('b', '2024-07-01T00:30:00.000Z');
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['period:month'] }))).toEqual([
      { period: '2024-06', count: 1 },
      { period: '2024-07', count: 1 },
    ]);
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['period:quarter'] }))).toEqual([
      { period: '2024-Q2', count: 1 },
      { period: '2024-Q3', count: 1 },
    ]);
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['period:year'] }))).toEqual([
      { period: '2024', count: 2 },
    ]);
  });

  it('takes reporting-lag periods from the event, not the case', () => {
    const s = new Scenario();
    s.open('a', '2024-03-31T12:00:00.000Z', { recordedAt: '2024-04-01T00:00:00.000Z' });
    s.measure('a', 'SOP1.M1', 'completed', '2024-04-02T00:00:00.000Z', { recordedAt: '2024-04-04T00:00:00.000Z' });
    const rows = referenceIndicator(s.events, 'data.reporting_lag', query({ groupBy: ['period:month'] }));
    expect(rows).toEqual([
      { period: '2024-03', n: 1, median: 0.5, p90: 0.5 },
      { period: '2024-04', n: 1, median: 2, p90: 2 },
    ]);
    const april = referenceIndicator(s.events, 'data.reporting_lag', query({ from: '2024-04-01' }));
    expect(april).toEqual([{ n: 1, median: 2, p90: 2 }]);
    expect(referenceIndicator(s.events, 'data.reporting_lag', query({ countries: ['RO'] }))).toEqual([]);
  });
});

describe('exploitation is multi-valued', () => {
  const s = new Scenario();
  s.open('a', '2024-03-01T00:00:00.000Z', { profile: { exploitation: ['sexual', 'labour'] } });
  s.measure('a', 'SOP1.M1', 'completed', '2024-03-02T00:00:00.000Z');
  s.open('b', '2024-03-01T00:00:00.000Z', { profile: { exploitation: ['labour'] } });
  s.open('c', '2024-03-01T00:00:00.000Z', { profile: { exploitation: ['begging'] } });

  it('counts a case once in each of its forms, so groups may sum to more than the total', () => {
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['exploitation'] }))).toEqual([
      { exploitation: 'begging', count: 1 },
      { exploitation: 'labour', count: 2 },
      { exploitation: 'sexual', count: 1 },
    ]);
    const compliance = referenceIndicator(
      s.events,
      'measure.compliance',
      query({ measures: ['SOP1.M1'], groupBy: ['exploitation'] }),
    );
    expect(compliance.map((r) => [r.exploitation, r.numerator, r.denominator])).toEqual([
      ['begging', 0, 1],
      ['labour', 1, 2],
      ['sexual', 1, 1],
    ]);
  });

  it('combines with other dimensions', () => {
    const rows = referenceIndicator(s.events, 'case.count', query({ groupBy: ['country', 'exploitation', 'sex'] }));
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(4);
    expect(rows.every((r) => r.country === 'BG' && r.sex === 'female')).toBe(true);
  });
});
