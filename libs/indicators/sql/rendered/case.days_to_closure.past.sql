-- case.days_to_closure: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   db = "trm"
--   snapshotPosition = 0
SELECT  n, median, p90
FROM (
    SELECT  arraySort(groupArrayArray(part)) AS ks, 86400000 AS scale,
           arrayCumSum(arrayMap(k -> if(bitAnd(k, 1) = 1, 1, -1), ks)) AS ranks,
           ranks[length(ranks)] AS n,
           0.5 * (n - 1) + 1 AS h50,
           0.9 * (n - 1) + 1 AS h90,
           ks[indexOf(ranks, toInt64(floor(h50)))] AS k_lo50,
           ks[indexOf(ranks, least(toInt64(floor(h50)) + 1, n))] AS k_hi50,
           ks[indexOf(ranks, toInt64(floor(h90)))] AS k_lo90,
           ks[indexOf(ranks, least(toInt64(floor(h90)) + 1, n))] AS k_hi90,
           intDiv(k_lo50 - bitAnd(k_lo50, 1), 2) / scale AS lo50,
           intDiv(k_hi50 - bitAnd(k_hi50, 1), 2) / scale AS hi50,
           intDiv(k_lo90 - bitAnd(k_lo90, 1), 2) / scale AS lo90,
           intDiv(k_hi90 - bitAnd(k_hi90, 1), 2) / scale AS hi90,
           lo50 + (h50 - floor(h50)) * (hi50 - lo50) AS median,
           lo90 + (h90 - floor(h90)) * (hi90 - lo90) AS p90
    FROM (
        SELECT  groupArray((closed_ms - toUnixTimestamp64Milli(opened_at)) * 2 + (sign > 0)) AS part
        FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
        WHERE has_closure
        GROUP BY ALL
    )
    GROUP BY ALL
)
SETTINGS optimize_aggregation_in_order = 1
