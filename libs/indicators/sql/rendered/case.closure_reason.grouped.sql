-- case.closure_reason: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
WITH
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
,
first_closure AS (
    SELECT case_id, argMin(reason, (occurred_at, recorded_at, event_id)) AS first_reason
    FROM {db:Identifier}.closures_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
    GROUP BY case_id
)
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  closureReason, sum(s) AS denominator, sumIf(s, first_reason = closureReason) AS numerator
FROM (
    SELECT case_id, dim_country, dim_period, dim_exploitation, dim_ageGroup,  sign AS s, toInt64(rk) AS rk
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE has_closure
    UNION ALL
    SELECT case_id, dim_country, dim_period, dim_exploitation, dim_ageGroup,  sign AS s, toInt64(rk) AS rk
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE has_closure
) AS v
INNER JOIN first_closure AS f ON f.case_id = v.case_id
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
