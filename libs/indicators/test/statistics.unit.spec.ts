import { wilson } from '@trm/indicators/statistics';
import { wilson as referenceWilson } from '../../testing/src/reference/statistics';

describe('Wilson interval bounds', () => {
  it.each([wilson, referenceWilson])('stays within [0, 1] at the extremes, for every n up to 1000', (f) => {
    for (let n = 1; n <= 1000; n++) {
      for (const x of [0, n]) {
        const [lo, hi] = f(x, n)!;
        expect([n, x, lo >= 0 && hi <= 1]).toEqual([n, x, true]);
      }
    }
    // The case reported by a user: 32 of 32 gave an upper bound of 1.0000000000000002.
    expect(f(32, 32)![1]).toBe(1);
  });
});
