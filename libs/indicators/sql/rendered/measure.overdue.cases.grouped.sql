-- measure.overdue with the cases' ids: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   asOfMs = 1782820800000
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, any(measure_sop) AS sop, count() AS count, arraySort(groupArray(case_id)) AS case_ids
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, case_id, any(pair_sop) AS measure_sop
    FROM (
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, case_id, sop AS pair_sop, sign
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.deadline_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
        WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
        UNION ALL
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, case_id, sop AS pair_sop, sign
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.deadline_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
        WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    )
    GROUP BY ALL
    HAVING sum(sign) > 0
)
GROUP BY ALL
