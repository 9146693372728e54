-- measure.overdue with the cases' ids: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   asOfMs = 1767139200000
--   db = "trm"
--   snapshotPosition = 0
SELECT  measure, any(measure_sop) AS sop, count() AS count, arraySort(groupArray(case_id)) AS case_ids
FROM (
    SELECT  measure, case_id, any(pair_sop) AS measure_sop
    FROM (
        SELECT  measure, case_id, sop AS pair_sop, sign
        FROM (
    SELECT *
    FROM {db:Identifier}.deadline_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
        WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    )
    GROUP BY ALL
    HAVING sum(sign) > 0
)
GROUP BY ALL
