// The reference implementation, hand-computed: measure.overdue and the gaps report.
import { referenceGaps, referenceIndicator, Scenario, query } from '../src/reference';

const OPENED = '2024-03-01T00:00:00.000Z'; // SOP1.M1 is due P3D later: 2024-03-04T00:00Z
const T = '2024-03-10T00:00:00.000Z';

function scenario(): Scenario {
  const s = new Scenario('2024-03-09T00:00:00.000Z');
  for (const c of [
    'open',
    'closedBefore',
    'closedAfter',
    'closedAtDue',
    'doneLate',
    'notYetDue',
    'optedOut',
    'doneAtT',
    'retractedClosure',
  ]) {
    s.open(c, c === 'notYetDue' ? '2024-03-09T00:00:00.000Z' : OPENED, { country: c === 'closedAfter' ? 'RO' : 'BG' });
  }
  s.closed('closedBefore', '2024-03-03T00:00:00.000Z');
  s.closed('closedAfter', '2024-03-05T00:00:00.000Z');
  s.closed('closedAtDue', '2024-03-04T00:00:00.000Z');
  s.measure('doneLate', 'SOP1.M1', 'completed', '2024-03-08T00:00:00.000Z');
  s.measure('optedOut', 'SOP1.M1', 'not_applicable', '2024-03-01T01:00:00.000Z');
  s.measure('doneAtT', 'SOP1.M1', 'offered', T, { recordedAt: T });
  const closure = s.closed('retractedClosure', '2024-03-02T00:00:00.000Z');
  s.retract('retractedClosure', closure, '2024-03-06T00:00:00.000Z');
  return s;
}

describe('measure.overdue', () => {
  const s = scenario();

  it('counts D(m) cases past due, without done ≤ T, not closed at or before due', () => {
    const rows = referenceIndicator(s.events, 'measure.overdue', query({ asOf: T, measures: ['SOP1.M1'] }));
    // open, closedAfter (closed after due), retractedClosure (its closure no longer effective)
    expect(rows).toEqual([{ measure: 'SOP1.M1', sop: 1, count: 3 }]);
    const byCountry = referenceIndicator(
      s.events,
      'measure.overdue',
      query({ asOf: T, measures: ['SOP1.M1'], groupBy: ['country'] }),
    );
    expect(byCountry).toEqual([
      { measure: 'SOP1.M1', sop: 1, country: 'BG', count: 2 },
      { measure: 'SOP1.M1', sop: 1, country: 'RO', count: 1 },
    ]);
  });

  it('needs due < T strictly', () => {
    const atDue = referenceIndicator(
      s.events,
      'measure.overdue',
      query({ asOf: '2024-03-04T00:00:00.000Z', measures: ['SOP1.M1'] }),
    );
    expect(atDue).toEqual([]); // nothing known yet either: everything is recorded on 03-09
    const t = new Scenario('2024-03-01T00:00:00.000Z');
    t.open('a', OPENED);
    expect(
      referenceIndicator(
        t.events,
        'measure.overdue',
        query({ asOf: '2024-03-04T00:00:00.000Z', measures: ['SOP1.M1'] }),
      ),
    ).toEqual([]);
    expect(
      referenceIndicator(
        t.events,
        'measure.overdue',
        query({ asOf: '2024-03-04T00:00:00.001Z', measures: ['SOP1.M1'] }),
      ),
    ).toEqual([{ measure: 'SOP1.M1', sop: 1, count: 1 }]);
  });

  it('treats done after T as not done (as of T)', () => {
    const t = new Scenario('2024-03-01T00:00:00.000Z');
    t.open('a', OPENED);
    t.measure('a', 'SOP1.M1', 'completed', '2024-03-10T00:02:00.000Z'); // occurredAt up to 5 min after receipt
    expect(referenceIndicator(t.events, 'measure.overdue', query({ asOf: T, measures: ['SOP1.M1'] }))).toEqual([
      { measure: 'SOP1.M1', sop: 1, count: 1 },
    ]);
  });

  it('uses the anchor measure: no anchor, no due, not overdue', () => {
    const t = new Scenario('2024-03-01T00:00:00.000Z');
    t.open('anchored', OPENED);
    t.measure('anchored', 'SOP1.M1', 'completed', '2024-03-02T00:00:00.000Z'); // SOP1.M3 due 03-03
    t.open('unanchored', OPENED);
    const rows = referenceIndicator(t.events, 'measure.overdue', query({ asOf: T, measures: ['SOP1.M1', 'SOP1.M3'] }));
    expect(rows).toEqual([
      { measure: 'SOP1.M1', sop: 1, count: 1 },
      { measure: 'SOP1.M3', sop: 1, count: 1 },
    ]);
  });

  it('takes its cohort from cases opened before T, within [from, to) when given', () => {
    const rows = referenceIndicator(
      s.events,
      'measure.overdue',
      query({ asOf: T, measures: ['SOP1.M1'], from: '2024-03-02' }),
    );
    expect(rows).toEqual([]);
    const all = referenceIndicator(s.events, 'measure.overdue', query({ asOf: T, sops: [1] }));
    // SOP1.M2 is due 03-02, before every closure; only notYetDue (due exactly at T) is not overdue.
    expect(all.find((r) => r.measure === 'SOP1.M2')).toEqual({ measure: 'SOP1.M2', sop: 1, count: 8 });
    // SOP1.M3 is due P1D after SOP1.M1: only doneLate has an anchor (03-08) and is past due.
    expect(all.find((r) => r.measure === 'SOP1.M3')).toEqual({ measure: 'SOP1.M3', sop: 1, count: 1 });
    expect(all.every((r) => r.sop === 1)).toBe(true);
    expect(all.some((r) => r.measure === 'SOP1.C1')).toBe(false); // no child
  });
});

describe('referenceGaps', () => {
  const s = scenario();

  it('reports measure.overdue for every measure with a deadline, by measure', () => {
    const gaps = referenceGaps(s.events, query({ asOf: T }), false);
    expect(gaps.find((g) => g.measure === 'SOP1.M1')).toEqual({ measure: 'SOP1.M1', sop: 1, count: 3 });
    expect(gaps.every((g) => g.caseIds === undefined && g.country === undefined)).toBe(true);
    expect(gaps.map((g) => g.measure)).toEqual(['SOP1.M1', 'SOP1.M2', 'SOP1.M3', 'SOP2.M4']);
  });

  it('adds the sorted case ids and, when asked, the country', () => {
    const gaps = referenceGaps(s.events, query({ asOf: T, groupBy: ['country', 'sex'] }), true);
    expect(gaps.filter((g) => g.measure === 'SOP1.M1')).toEqual([
      { measure: 'SOP1.M1', sop: 1, country: 'BG', count: 2, caseIds: ['open', 'retractedClosure'] },
      { measure: 'SOP1.M1', sop: 1, country: 'RO', count: 1, caseIds: ['closedAfter'] },
    ]);
  });
});
