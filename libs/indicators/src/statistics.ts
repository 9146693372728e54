/** z for a two-sided 95% interval, as INDICATORS.md fixes it. */
export const Z95 = 1.959964;

/** Wilson score interval (INDICATORS.md "Proportions"); null when n = 0. */
export function wilson(x: number, n: number, z = Z95): [number, number] | null {
  if (n === 0) return null;
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  // Rounding puts the bound of x = n (or x = 0) a hair outside [0, 1] (1.0000000000000002 at n = 32).
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
