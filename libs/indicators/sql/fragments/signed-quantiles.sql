-- n, median and p90 (inclusive method: position p·(n−1), linear interpolation between the closest
-- ranks) of a multiset given as signed integer values, where a -1 cancels an equal +1. `ks` is the
-- sorted array of keys 2·value + (sign > 0): equal values sort with their -1s first, and the sort is
-- a plain integer sort. The running sum of signs is the rank reached after each element, so the
-- r-th smallest value (from 1) is the first whose running sum reaches r (it moves by ±1 from 0: a
-- plain indexOf). Values are divided by `scale` (86,400,000 ms for days; defined by the including
-- query) before interpolating, and the interpolation is ClickHouse's own quantileExactInclusive
-- arithmetic (h = p·(n−1) + 1, ranks floor(h) and floor(h) + 1), so a plain multiset gets identical
-- figures from either.
arrayCumSum(arrayMap(k -> if(bitAnd(k, 1) = 1, 1, -1), ks)) AS ranks,
ranks[length(ranks)] AS n,
0.5 * (n - 1) + 1 AS h50,
0.9 * (n - 1) + 1 AS h90,
ks[indexOf(ranks, toInt64(floor(h50)))] AS k_lo50,
ks[indexOf(ranks, least(toInt64(floor(h50)) + 1, n))] AS k_hi50,
ks[indexOf(ranks, toInt64(floor(h90)))] AS k_lo90,
ks[indexOf(ranks, least(toInt64(floor(h90)) + 1, n))] AS k_hi90,
-- value = (key − its sign bit) / 2, exact for negative keys too
intDiv(k_lo50 - bitAnd(k_lo50, 1), 2) / scale AS lo50,
intDiv(k_hi50 - bitAnd(k_hi50, 1), 2) / scale AS hi50,
intDiv(k_lo90 - bitAnd(k_lo90, 1), 2) / scale AS lo90,
intDiv(k_hi90 - bitAnd(k_hi90, 1), 2) / scale AS hi90,
lo50 + (h50 - floor(h50)) * (hi50 - lo50) AS median,
lo90 + (h90 - floor(h90)) * (hi90 - lo90) AS p90
