// The reference implementation, hand-computed: done/completed/optedOut, applicability, deadlines,
// sequencing, and the case-based figures built on them.
import type { IndicatorRow } from '../../indicators/src/indicator.types';
import { referenceIndicator, Scenario, query } from '../src/reference';

const DAY = 86_400_000;
const row = (rows: IndicatorRow[], measure: string): IndicatorRow | undefined =>
  rows.find((r) => r.measure === measure);
/** Distribution figures compared to 12 decimals (days are ms / 86,400,000, not exact decimals). */
const expectDistribution = (r: IndicatorRow | undefined, want: { n: number; median: number; p90: number }) => {
  expect(r?.n).toBe(want.n);
  expect(r?.median).toBeCloseTo(want.median, 12);
  expect(r?.p90).toBeCloseTo(want.p90, 12);
};
const figures = (rows: IndicatorRow[], measure: string) => {
  const r = row(rows, measure);
  return r && { numerator: r.numerator, denominator: r.denominator };
};

describe('optedOut and not_applicable', () => {
  const s = new Scenario();
  for (const c of ['a', 'b', 'c']) s.open(c, '2024-03-01T00:00:00.000Z');
  s.measure('a', 'SOP1.M2', 'not_applicable', '2024-03-01T01:00:00.000Z'); // optedOut: out of D
  s.measure('b', 'SOP1.M2', 'not_applicable', '2024-03-01T01:00:00.000Z');
  s.measure('b', 'SOP1.M2', 'offered', '2024-03-01T02:00:00.000Z'); // done defined: not optedOut
  // c: nothing recorded, in D, not done

  it('optedOut (not_applicable without done) leaves D(m); not_applicable plus done stays and counts', () => {
    const q = query({ measures: ['SOP1.M2'] });
    expect(figures(referenceIndicator(s.events, 'measure.compliance', q), 'SOP1.M2')).toEqual({
      numerator: 1,
      denominator: 2,
    });
    expect(figures(referenceIndicator(s.events, 'measure.delivery', q), 'SOP1.M2')).toEqual({
      numerator: 0,
      denominator: 2,
    });
  });

  it('a not_applicable record does not enter its SOP, and opting out of one measure leaves the others', () => {
    const reach = referenceIndicator(s.events, 'sop.reach', query({ sops: [1] }));
    expect(reach).toEqual([expect.objectContaining({ sop: 1, numerator: 1, denominator: 3 })]);
    expect(
      figures(referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.M1'] })), 'SOP1.M1'),
    ).toEqual({
      numerator: 0,
      denominator: 3,
    });
  });
});

describe('repeated records of a measure use the earliest', () => {
  const s = new Scenario();
  s.open('a', '2024-03-01T00:00:00.000Z');
  s.measure('a', 'SOP1.M1', 'offered', '2024-03-05T00:00:00.000Z'); // late
  s.measure('a', 'SOP1.M1', 'completed', '2024-03-03T00:00:00.000Z'); // earlier, reported after
  s.open('b', '2024-03-01T00:00:00.000Z');
  s.measure('b', 'SOP1.M1', 'completed', '2024-03-06T00:00:00.000Z');
  s.measure('b', 'SOP1.M1', 'declined', '2024-03-02T00:00:00.000Z'); // done = 03-02, completed = 03-06
  const q = query({ measures: ['SOP1.M1'] });

  it('done and completed are the earliest occurredAt of their statuses', () => {
    expect(figures(referenceIndicator(s.events, 'measure.timeliness', q), 'SOP1.M1')).toEqual({
      numerator: 2,
      denominator: 2,
    });
    expect(figures(referenceIndicator(s.events, 'measure.delivery', q), 'SOP1.M1')).toEqual({
      numerator: 2,
      denominator: 2,
    });
    const days = referenceIndicator(s.events, 'measure.days_to', q);
    expect(days).toEqual([expect.objectContaining({ measure: 'SOP1.M1', sop: 1 })]);
    expectDistribution(days[0], { n: 2, median: 1.5, p90: 1.9 });
  });
});

describe('timeliness', () => {
  it('counts done exactly at due, not 1 ms after; offsets are compared as instants', () => {
    const s = new Scenario();
    for (const c of ['on', 'late', 'offset']) s.open(c, '2024-03-01T09:30:00.000Z'); // SOP1.M2: P1D after case.opened
    s.measure('on', 'SOP1.M2', 'completed', '2024-03-02T09:30:00.000Z');
    s.measure('late', 'SOP1.M2', 'completed', '2024-03-02T09:30:00.001Z');
    s.measure('offset', 'SOP1.M2', 'completed', '2024-03-02T10:30:00.000+01:00');
    const q = query({ measures: ['SOP1.M2'] });
    expect(figures(referenceIndicator(s.events, 'measure.timeliness', q), 'SOP1.M2')).toEqual({
      numerator: 2,
      denominator: 3,
    });
    expectDistribution(row(referenceIndicator(s.events, 'measure.days_to', q), 'SOP1.M2'), {
      n: 3,
      median: 1,
      p90: 1 + 0.8 / DAY,
    });
  });

  it('excludes cases whose anchor measure is not done, and uses done (any acting status) of the anchor', () => {
    // SOP1.M3: P1D after SOP1.M1.
    const s = new Scenario();
    for (const c of ['noAnchor', 'optedAnchor', 'onTime', 'late']) s.open(c, '2024-03-01T00:00:00.000Z');
    s.measure('noAnchor', 'SOP1.M3', 'completed', '2024-03-02T00:00:00.000Z');
    s.measure('optedAnchor', 'SOP1.M1', 'not_applicable', '2024-03-01T01:00:00.000Z');
    s.measure('optedAnchor', 'SOP1.M3', 'completed', '2024-03-02T00:00:00.000Z');
    s.measure('onTime', 'SOP1.M1', 'completed', '2024-03-02T00:00:00.000Z');
    s.measure('onTime', 'SOP1.M3', 'completed', '2024-03-03T00:00:00.000Z');
    s.measure('late', 'SOP1.M1', 'declined', '2024-03-02T00:00:00.000Z');
    s.measure('late', 'SOP1.M3', 'offered', '2024-03-03T00:00:00.001Z');
    const q = query({ measures: ['SOP1.M3'] });
    expect(figures(referenceIndicator(s.events, 'measure.compliance', q), 'SOP1.M3')).toEqual({
      numerator: 4,
      denominator: 4,
    });
    expect(figures(referenceIndicator(s.events, 'measure.timeliness', q), 'SOP1.M3')).toEqual({
      numerator: 1,
      denominator: 2,
    });
    const days = referenceIndicator(s.events, 'measure.days_to', q);
    expect(days).toHaveLength(1);
    expectDistribution(days[0], { n: 2, median: 1 + 0.5 / DAY, p90: 1 + 0.9 / DAY });
  });

  it('has rows only for measures with a deadline', () => {
    const s = new Scenario();
    s.open('a', '2024-03-01T00:00:00.000Z');
    s.measure('a', 'SOP5.M1', 'completed', '2024-03-02T00:00:00.000Z');
    const rows = referenceIndicator(s.events, 'measure.timeliness', query({ sops: [5] }));
    expect(rows).toEqual([]);
    expect(figures(referenceIndicator(s.events, 'measure.compliance', query({ sops: [5] })), 'SOP5.M1')).toEqual({
      numerator: 1,
      denominator: 1,
    });
  });
});

describe('sequence (before)', () => {
  // SOP4.M1 … M4 before SOP4.M5. Every case enters SOP 4 by a SOP 4 record.
  const s = new Scenario();
  const returned = (c: string) => s.measure(c, 'SOP4.M5', 'completed', '2024-05-10T00:00:00.000Z');
  for (const c of ['before', 'same', 'after', 'missing', 'notCompleted', 'optedOut'])
    s.open(c, '2024-03-01T00:00:00.000Z');
  returned('before');
  s.measure('before', 'SOP4.M1', 'completed', '2024-05-01T00:00:00.000Z');
  returned('same');
  s.measure('same', 'SOP4.M1', 'offered', '2024-05-10T00:00:00.000Z');
  returned('after');
  s.measure('after', 'SOP4.M1', 'completed', '2024-05-11T00:00:00.000Z');
  returned('missing');
  s.measure('notCompleted', 'SOP4.M5', 'offered', '2024-05-10T00:00:00.000Z');
  s.measure('notCompleted', 'SOP4.M1', 'completed', '2024-05-01T00:00:00.000Z');
  returned('optedOut');
  s.measure('optedOut', 'SOP4.M1', 'not_applicable', '2024-05-01T00:00:00.000Z');

  it('counts done(c,m) ≤ completed(c,b) over D(m) cases with completed(c,b)', () => {
    const rows = referenceIndicator(s.events, 'measure.sequence', query());
    expect(rows.map((r) => r.measure)).toEqual(['SOP4.M1', 'SOP4.M2', 'SOP4.M3', 'SOP4.M4']); // C1: no child
    expect(figures(rows, 'SOP4.M1')).toEqual({ numerator: 2, denominator: 4 });
    expect(figures(rows, 'SOP4.M2')).toEqual({ numerator: 0, denominator: 5 });
  });
});

describe('applicability', () => {
  it('entered:SOP needs a record with status ≠ not_applicable, at any time', () => {
    const s = new Scenario();
    s.open('in', '2024-03-01T00:00:00.000Z');
    s.measure('in', 'SOP3.M2', 'completed', '2025-06-01T00:00:00.000Z'); // long after `to`
    s.open('out', '2024-03-01T00:00:00.000Z');
    s.measure('out', 'SOP3.M2', 'not_applicable', '2024-03-02T00:00:00.000Z');
    const rows = referenceIndicator(
      s.events,
      'measure.compliance',
      query({ sops: [3], from: '2024-03-01', to: '2024-04-01' }),
    );
    // SOP3.M1 needs foreign, SOP3.C1 a child: neither applies to `in`; nothing applies to `out`.
    expect(rows.map((r) => [r.measure, r.numerator, r.denominator])).toEqual([
      ['SOP3.M2', 1, 1],
      ['SOP3.M3', 0, 1],
      ['SOP3.M4', 0, 1],
      ['SOP3.M5', 0, 1],
      ['SOP3.M6', 0, 1],
    ]);
    const reach = referenceIndicator(s.events, 'sop.reach', query({ from: '2024-03-01', to: '2024-04-01' }));
    expect(reach.map((r) => [r.sop, r.numerator, r.denominator])).toEqual([
      [1, 0, 2],
      [2, 0, 2],
      [3, 1, 2],
      [4, 0, 2],
      [5, 0, 2],
    ]);
  });

  it('origin applies SOP 4 reception measures to origin-country cases that entered SOP 4', () => {
    const s = new Scenario();
    s.open('origin', '2024-03-01T00:00:00.000Z', { profile: { countryRole: 'origin' } });
    s.measure('origin', 'SOP4.M6', 'completed', '2024-03-01T12:00:00.000Z');
    s.open('destination', '2024-03-01T00:00:00.000Z');
    s.measure('destination', 'SOP4.M1', 'completed', '2024-03-01T12:00:00.000Z');
    const rows = referenceIndicator(s.events, 'measure.timeliness', query({ sops: [4] }));
    expect(rows).toEqual([expect.objectContaining({ measure: 'SOP4.M6', sop: 4, numerator: 1, denominator: 1 })]);
    expect(figures(referenceIndicator(s.events, 'measure.compliance', query({ sops: [4] })), 'SOP4.M7')).toEqual({
      numerator: 0,
      denominator: 1,
    });
  });

  it('child: a child age band or presumedMinor; adult otherwise', () => {
    const s = new Scenario();
    const foreign = { citizenship: 'RO' } as const;
    s.open('band', '2024-03-01T00:00:00.000Z', { profile: { ...foreign, ageBand: '12-14' } });
    s.open('unknownPresumed', '2024-03-01T00:00:00.000Z', {
      profile: { ...foreign, ageBand: 'unknown', presumedMinor: true },
    });
    s.open('adultPresumed', '2024-03-01T00:00:00.000Z', {
      profile: { ...foreign, ageBand: '18-24', presumedMinor: true },
    });
    s.open('bandNotPresumed', '2024-03-01T00:00:00.000Z', {
      profile: { ...foreign, ageBand: '0-11', presumedMinor: false },
    });
    s.open('adult', '2024-03-01T00:00:00.000Z', { profile: { ...foreign, ageBand: '25-34', presumedMinor: false } });
    s.open('unknownAge', '2024-03-01T00:00:00.000Z', { profile: { ...foreign, ageBand: 'unknown' } });
    const compliance = referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.C1', 'SOP1.M4'] }));
    expect(figures(compliance, 'SOP1.C1')).toEqual({ numerator: 0, denominator: 4 });
    expect(figures(compliance, 'SOP1.M4')).toEqual({ numerator: 0, denominator: 2 }); // foreign, adult
    expect(referenceIndicator(s.events, 'case.count', query({ groupBy: ['ageGroup'] }))).toEqual([
      { ageGroup: 'adult', count: 2 },
      { ageGroup: 'child', count: 4 },
    ]);
  });

  it('foreign: citizenship ≠ country, unknown counting as foreign', () => {
    const s = new Scenario();
    s.open('own', '2024-03-01T00:00:00.000Z', { country: 'IT', profile: { citizenship: 'IT' } });
    s.open('unknown', '2024-03-01T00:00:00.000Z', { country: 'IT', profile: { citizenship: 'unknown' } });
    s.open('other', '2024-03-01T00:00:00.000Z', { country: 'IT', profile: { citizenship: 'AL' } });
    const rows = referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.M6', 'SOP1.M1'] }));
    expect(figures(rows, 'SOP1.M6')).toEqual({ numerator: 0, denominator: 2 });
    expect(figures(rows, 'SOP1.M1')).toEqual({ numerator: 0, denominator: 3 });
    const byCitizenship = referenceIndicator(s.events, 'case.count', query({ groupBy: ['citizenship'] }));
    expect(byCitizenship).toEqual([
      { citizenship: 'AL', count: 1 },
      { citizenship: 'IT', count: 1 },
      { citizenship: 'unknown', count: 1 },
    ]);
  });
});

describe('case.measures_used', () => {
  it('counts distinct measures with done, one value per cohort case including 0', () => {
    const s = new Scenario();
    s.open('a', '2024-03-01T00:00:00.000Z');
    s.measure('a', 'SOP1.M1', 'completed', '2024-03-01T01:00:00.000Z');
    s.measure('a', 'SOP1.M1', 'offered', '2024-03-01T02:00:00.000Z');
    s.measure('a', 'SOP1.M2', 'not_applicable', '2024-03-01T03:00:00.000Z');
    s.measure('a', 'SOP2.M1', 'declined', '2024-03-01T04:00:00.000Z');
    s.open('b', '2024-03-01T00:00:00.000Z');
    s.open('c', '2024-03-01T00:00:00.000Z');
    s.measure('c', 'SOP1.M2', 'not_applicable', '2024-03-01T03:00:00.000Z');
    const rows = referenceIndicator(s.events, 'case.measures_used', query());
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]).sort()).toEqual(['median', 'n', 'p90']);
    expectDistribution(rows[0], { n: 3, median: 0, p90: 1.6 });
  });
});

describe('Wilson interval on a proportion row', () => {
  it('12 of 20 gives ≈ [0.3866, 0.7812]', () => {
    const s = new Scenario();
    for (let i = 0; i < 20; i++) {
      s.open(`c${i}`, '2024-03-01T00:00:00.000Z');
      if (i < 12) s.measure(`c${i}`, 'SOP1.M1', 'completed', '2024-03-02T00:00:00.000Z');
    }
    const [r] = referenceIndicator(s.events, 'measure.compliance', query({ measures: ['SOP1.M1'] }));
    expect(r).toMatchObject({ measure: 'SOP1.M1', sop: 1, numerator: 12, denominator: 20, value: 0.6 });
    expect(r.ci95?.[0]).toBeCloseTo(0.3866, 4);
    expect(r.ci95?.[1]).toBeCloseTo(0.7812, 4);
  });
});
