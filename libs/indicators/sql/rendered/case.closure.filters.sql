-- case.closure: every other filter the indicator has: measures, SOPs, receivers
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   sops = [1,3]
SELECT  sum(cases) AS denominator, sum(closed) AS numerator
FROM (
    SELECT  sum(sign) AS cases, sum(sign * has_closure) AS closed
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND arrayExists(s -> bitTest(entered_mask, s), {sops:Array(UInt8)})
)
    GROUP BY ALL
    UNION ALL
    SELECT  sum(sign) AS cases, sum(sign * has_closure) AS closed
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND arrayExists(s -> bitTest(entered_mask, s), {sops:Array(UInt8)})
)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
