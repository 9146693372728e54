-- n, median and p90 (inclusive method: position p·(n−1), linear interpolation between the closest
-- ranks) of a multiset given as signed integer values, where a -1 cancels an equal +1. `ks` is the
-- sorted array of keys 2·value + (sign > 0): equal values sort with their -1s first, and the sort is
-- a plain integer sort. The running sum of signs is the rank reached after each element, so the
-- k-th smallest value (from 0) is the first whose running sum exceeds k; as the running sum moves
-- by ±1 from 0, that is the first where it equals k + 1 (a plain indexOf). Values are divided by
-- `scale` (86,400,000 ms for days; defined by the including query) only at the end.
arrayCumSum(arrayMap(k -> if(bitAnd(k, 1) = 1, 1, -1), ks)) AS ranks,
ranks[length(ranks)] AS n,
0.5 * (n - 1) AS at50,
0.9 * (n - 1) AS at90,
ks[indexOf(ranks, toInt64(floor(at50)) + 1)] AS k_lo50,
ks[indexOf(ranks, toInt64(ceil(at50)) + 1)] AS k_hi50,
ks[indexOf(ranks, toInt64(floor(at90)) + 1)] AS k_lo90,
ks[indexOf(ranks, toInt64(ceil(at90)) + 1)] AS k_hi90,
-- value = (key − its sign bit) / 2, exact for negative keys too
intDiv(k_lo50 - bitAnd(k_lo50, 1), 2) / scale AS lo50,
intDiv(k_hi50 - bitAnd(k_hi50, 1), 2) / scale AS hi50,
intDiv(k_lo90 - bitAnd(k_lo90, 1), 2) / scale AS lo90,
intDiv(k_hi90 - bitAnd(k_hi90, 1), 2) / scale AS hi90,
lo50 + (at50 - floor(at50)) * (hi50 - lo50) AS median,
lo90 + (at90 - floor(at90)) * (hi90 - lo90) AS p90
