-- n, median and p90 (inclusive method: position p·(n−1), linear interpolation between the closest
-- ranks) of a multiset given as signed values: `vs` is an array of (value, sign) sorted by value and
-- then sign, where a -1 cancels an equal +1. The running sum of signs is then the rank reached
-- after each element, and the k-th smallest value (from 0) is the first whose running sum exceeds k.
arrayCumSum(arrayMap(x -> toInt64(x.2), vs)) AS ranks,
ranks[length(ranks)] AS n,
0.5 * (n - 1) AS at50,
0.9 * (n - 1) AS at90,
vs[arrayFirstIndex(r -> r > floor(at50), ranks)].1 AS lo50,
vs[arrayFirstIndex(r -> r > ceil(at50), ranks)].1 AS hi50,
vs[arrayFirstIndex(r -> r > floor(at90), ranks)].1 AS lo90,
vs[arrayFirstIndex(r -> r > ceil(at90), ranks)].1 AS hi90,
lo50 + (at50 - floor(at50)) * (hi50 - lo50) AS median,
lo90 + (at90 - floor(at90)) * (hi90 - lo90) AS p90
