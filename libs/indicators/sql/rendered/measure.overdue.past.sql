-- measure.overdue: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   asOfMs = 1767139200000
--   db = "trm"
--   snapshotPosition = 0
SELECT  measure, measure_sop AS sop, sum(cases) AS count
FROM (
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
)
GROUP BY ALL
HAVING count > 0
SETTINGS optimize_aggregation_in_order = 1
