-- measure.overdue: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   asOfMs = 1782820800000
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, measure_sop AS sop, sum(cases) AS count
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, any(sop) AS measure_sop, sum(sign) AS cases
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.deadline_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
    UNION ALL
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, any(sop) AS measure_sop, sum(sign) AS cases
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.deadline_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at < {asOf:DateTime64(3, 'UTC')}
)
    WHERE due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64})
    GROUP BY ALL
)
GROUP BY ALL
HAVING count > 0
SETTINGS optimize_aggregation_in_order = 1
