import { applyDisclosureControl, coarsenTime, perturbation, PeriodNotAlignedError, publishNumerator, publishSize, wilson } from '@trm/indicators';
import { cellKey, recordKey } from '@trm/testing/reference';
import { recordKeyFunction } from '@trm/projections';

/** The smallest cell key (a 32-bit integer) whose ck = key / 2³² is at least `ck`. */
const key = (ck: number) => Math.ceil(ck * 2 ** 32);

describe('disclosure control (INDICATORS.md rules 1–5)', () => {
  it('maps the cell key to d at the rule\'s boundaries', () => {
    expect([0, 0.0999, 0.1, 0.2999, 0.3, 0.6999, 0.7, 0.8999, 0.9, 0.99999].map((c) => perturbation(key(c))))
      .toEqual([-2, -2, -1, -1, 0, 0, 1, 1, 2, 2]);
  });

  it('publishes 0 as 0, withholds 1 to k − 1, and never less than k above', () => {
    expect(publishSize(0, key(0.95), 5)).toBe(0);
    for (let v = 1; v < 5; v++) expect(publishSize(v, key(0.5), 5)).toBeUndefined();
    expect(publishSize(5, key(0.05), 5)).toBe(5); // max(k, 5 − 2)
    expect(publishSize(6, key(0.05), 5)).toBe(5);
    expect(publishSize(7, key(0.05), 5)).toBe(5);
    expect(publishSize(8, key(0.05), 5)).toBe(6);
    expect(publishSize(100, key(0.95), 5)).toBe(102);
  });

  it('publishes small numerators (never withheld) and clamps every numerator to the published denominator', () => {
    expect(publishNumerator(0, key(0.95), 5, 10)).toBe(0);
    expect(publishNumerator(1, key(0.05), 5, 10)).toBe(0); // max(0, 1 − 2)
    expect(publishNumerator(3, key(0.95), 5, 10)).toBe(5);
    expect(publishNumerator(4, key(0.5), 5, 10)).toBe(4);
    expect(publishNumerator(9, key(0.95), 5, 10)).toBe(10); // 11 clamped to the denominator
    expect(publishNumerator(6, key(0.05), 5, 10)).toBe(5); // max(k, 4)
  });

  it('leaves withheld rows out like empty ones and computes value and ci95 from the published figures', () => {
    const rows = applyDisclosureControl([
      { country: 'BG', numerator: 9, denominator: 10, numerator_key: key(0.95), denominator_key: key(0.05) },
      { country: 'CY', numerator: 1, denominator: 3, numerator_key: 0, denominator_key: 0 },
    ], 'proportion', 5);
    expect(rows).toEqual([{ country: 'BG', numerator: 8, denominator: 8, value: 1, ci95: wilson(8, 8) }]);
    const counts = applyDisclosureControl([{ country: 'BG', count: 4, count_key: 0 }, { country: 'IT', count: 12, count_key: key(0.8) }], 'count', 5);
    expect(counts).toEqual([{ country: 'IT', count: 13 }]);
  });

  it('withholds a distribution row of fewer than k distinct units however many values it has; median and p90 stay exact', () => {
    const rows = applyDisclosureControl([
      { country: 'BG', n: 243, median: 1.5, p90: 3, n_key: key(0.5), n_units: 1 },
      { country: 'IT', n: 40, median: 2.5, p90: 7, n_key: key(0.2), n_units: 6 },
    ], 'distribution', 5);
    expect(rows).toEqual([{ country: 'IT', n: 39, median: 2.5, p90: 7 }]);
  });

  it('coarse time: month-aligned bounds only, asOf down to 00:00 UTC', () => {
    const asOf = new Date('2026-03-17T15:42:01.123Z');
    expect(coarsenTime({ asOf, groupBy: [], from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z') }).asOf.toISOString())
      .toBe('2026-03-17T00:00:00.000Z');
    for (const t of ['2025-03-25T09:24:00.094Z', '2025-03-02T00:00:00Z', '2025-03-01T00:00:00.001Z']) {
      expect(() => coarsenTime({ asOf, groupBy: [], to: new Date(t) })).toThrow(PeriodNotAlignedError);
      expect(() => coarsenTime({ asOf, groupBy: [], from: new Date(t) })).toThrow(/first day of a month/);
    }
  });

  it('record keys: the projector\'s and the reference\'s agree; a cell key is the fractional part of their sum', () => {
    const rk = recordKeyFunction('s3cret');
    const ids = ['abcdefghijklmnopqrstuvwxyz', '0191e6c2-8f1e-7c2b-9a53-1c2d3e4f5a6b', 'x'];
    for (const id of ids) expect(rk(id) / 2 ** 32).toBe(recordKey('s3cret', id));
    const sum = ids.reduce((s, id) => s + rk(id), 0);
    expect(cellKey('s3cret', ids)).toBe((sum % 2 ** 32) / 2 ** 32);
    expect(rk('x')).not.toBe(recordKeyFunction('other')('x'));
  });
});
