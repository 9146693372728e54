-- measure.overdue: a manager: disclosure control (k = 5, cell keys), asOf rounded to the day, a whole year
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 00:00:00.000"
--   asOfMs = 1782777600000
--   db = "trm"
--   from = "2025-01-01 00:00:00.000"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   to = "2026-01-01 00:00:00.000"
SELECT  measure, measure_sop AS sop, sum(cases) AS count, bitAnd(sum(keys), 4294967295) AS count_key
FROM (
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS cases, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
    UNION ALL
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS cases, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
)
GROUP BY ALL
HAVING count > 0
SETTINGS optimize_aggregation_in_order = 1
