-- case.closure: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   db = "trm"
--   snapshotPosition = 0
SELECT  sum(cases) AS denominator, sum(closed) AS numerator
FROM (
    SELECT  sum(sign) AS cases, sum(sign * has_closure) AS closed
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
