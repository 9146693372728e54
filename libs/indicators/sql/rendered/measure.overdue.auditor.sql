-- measure.overdue: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   asOfMs = 1782820800000
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT  measure, measure_sop AS sop, sum(cases) AS count
FROM (
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
    UNION ALL
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
