// The two formulas of INDICATORS.md, written out literally.

/** z of the 95 % Wilson score interval (INDICATORS.md "Proportions"). */
export const Z95 = 1.959964;

/**
 * Wilson score interval for x successes out of n: centre (x + z²/2)/(n + z²), half-width
 * z·√(x(n−x)/n + z²/4)/(n + z²). Null when n = 0.
 */
export function wilson(x: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z = Z95;
  const centre = (x + (z * z) / 2) / (n + z * z);
  const half = (z * Math.sqrt((x * (n - x)) / n + (z * z) / 4)) / (n + z * z);
  // Rounding puts the bound of x = n (or x = 0) a hair outside [0, 1] (1.0000000000000002 at n = 32).
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The "inclusive" quantile: for sorted values v₀…vₙ₋₁, position p·(n−1), linear interpolation
 * between the closest ranks. Undefined for no values.
 */
export function quantileInclusive(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const v = [...values].sort((a, b) => a - b);
  const position = p * (v.length - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return v[lo] + (position - lo) * (v[hi] - v[lo]);
}
