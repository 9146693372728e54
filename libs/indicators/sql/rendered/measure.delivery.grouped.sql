-- measure.delivery: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
WITH
cat AS (
    SELECT version AS catalogue, code AS measure, sop AS measure_sop, needs_child, needs_adult, needs_foreign, needs_origin, needs_entered,
           deadline_anchor, deadline_ms, before_measure
    FROM {db:Identifier}.catalogue_measures_v1 FINAL
    WHERE adopted
)
,
base AS (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  catalogue, is_child, is_foreign, is_origin, entered_mask, sum(cases) AS cases
    FROM (
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
        GROUP BY ALL
        UNION ALL
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
        GROUP BY ALL
    )
    GROUP BY ALL
),
applicable AS (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, measure_sop, sum(cases) AS applicable
    FROM base INNER JOIN cat USING (catalogue)
    WHERE (NOT needs_child OR is_child) AND (NOT needs_adult OR NOT is_child)
          AND (NOT needs_foreign OR is_foreign) AND (NOT needs_origin OR is_origin)
          AND (needs_entered = 0 OR bitTest(entered_mask, needs_entered))
    GROUP BY ALL
),
recorded AS (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, sum(opted_out) AS opted_out, sum(done) AS done, sum(completed) AS completed
    FROM (
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure,
               sumIf(sign, has_na AND NOT has_done) AS opted_out,
               sumIf(sign, has_done)                AS done,
               sumIf(sign, has_completed)           AS completed
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.measure_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
        WHERE applies
        GROUP BY ALL
        UNION ALL
        SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure,
               sumIf(sign, has_na AND NOT has_done) AS opted_out,
               sumIf(sign, has_done)                AS done,
               sumIf(sign, has_completed)           AS completed
        FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.measure_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
        WHERE applies
        GROUP BY ALL
    )
    GROUP BY ALL
)
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure, measure_sop AS sop,
       applicable - opted_out AS denominator,
       completed AS numerator
FROM applicable
LEFT JOIN recorded USING (dim_country, dim_period, dim_exploitation, dim_ageGroup,  measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
