-- measure.timeliness: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, measure_sop AS sop,
       sum(timed) AS denominator,
       sum(in_time) AS numerator
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.measure_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE applies AND has_done AND has_anchor
    GROUP BY ALL
    UNION ALL
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.measure_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE applies AND has_done AND has_anchor
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
