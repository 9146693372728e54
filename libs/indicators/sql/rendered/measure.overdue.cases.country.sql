-- measure.overdue with the cases' ids: a country filter and a period [from, to)
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   asOfMs = 1782820800000
--   countries = ["BG","RO"]
--   db = "trm"
--   from = "2025-01-01 00:00:00.000"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   to = "2026-01-01 00:00:00.000"
SELECT  measure, any(measure_sop) AS sop, count() AS count, arraySort(groupArray(case_id)) AS case_ids
FROM (
    SELECT  measure, case_id, any(pair_sop) AS measure_sop
    FROM (
        SELECT  measure, case_id, sop AS pair_sop, sign
        FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
        WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
        UNION ALL
        SELECT  measure, case_id, sop AS pair_sop, sign
        FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
        WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    )
    GROUP BY ALL
    HAVING sum(sign) > 0
)
GROUP BY ALL
