-- sop.reach: every other filter the indicator has: measures, SOPs, receivers
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   sops = [1,3]
SELECT  s AS sop,
       sum(cases) AS denominator,
       sumIf(cases, bitTest(entered_mask, s)) AS numerator
FROM (
    SELECT  entered_mask, sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
    GROUP BY ALL
    UNION ALL
    SELECT  entered_mask, sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    GROUP BY ALL
)
ARRAY JOIN arrayFilter(x -> empty({sops:Array(UInt8)}) OR has({sops:Array(UInt8)}, x), [1, 2, 3, 4, 5]) AS s
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
