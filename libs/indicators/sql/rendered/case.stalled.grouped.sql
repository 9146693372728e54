-- case.stalled: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   asOfMs = 1782820800000
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
recent AS (
    SELECT case_id
    FROM {db:Identifier}.events_v1
    WHERE occurred_at >= fromUnixTimestamp64Milli({asOfMs:Int64} - 60 * 86400000, 'UTC')
      AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
)
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  sum(cases) AS count
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  sum(sign) AS cases
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_snapshots_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
    UNION ALL
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  sum(sign) AS cases
    FROM (
    SELECT *, country AS dim_country, concat(toString(toYear(opened_at)), '-Q', toString(toQuarter(opened_at))) AS dim_period, dim_exploitation, if(is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.case_view_v1
    ARRAY JOIN exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS use_index_for_in_with_subqueries = 0
