-- case.count: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT  sum(cases) AS count
FROM (
    SELECT  sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
    GROUP BY ALL
    UNION ALL
    SELECT  sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
