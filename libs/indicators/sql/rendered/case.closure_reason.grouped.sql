-- case.closure_reason: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  closure_reason, sum(sign) AS s
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE has_closure
    GROUP BY ALL
    UNION ALL
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  closure_reason, sum(sign) AS s
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE has_closure
    GROUP BY ALL
)
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
