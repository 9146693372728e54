-- data.reporting_lag: grouped by country, quarter, exploitation (an array joined) and age group
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
WITH
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  sum(events) AS n,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[1] AS median,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[2] AS p90
FROM (
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  count() AS events, quantilesExactInclusiveState(0.5, 0.9)(lag_ms / 86400000) AS lags
    FROM (
    SELECT lag_ms, rk, case_id, case_country AS dim_country, concat(toString(toYear(occurred_at)), '-Q', toString(toQuarter(occurred_at))) AS dim_period, dim_exploitation, if(case_is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.event_lag_snapshots_v1
    ARRAY JOIN case_exploitation AS dim_exploitation
    WHERE snapshot = {snapshot:UInt64}
      AND position NOT IN (
          SELECT event_position FROM {db:Identifier}.removed_events_v1
          WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      )
)
    GROUP BY ALL
    UNION ALL
    SELECT dim_country, dim_period, dim_exploitation, dim_ageGroup,  count() AS events, quantilesExactInclusiveState(0.5, 0.9)(lag_ms / 86400000) AS lags
    FROM (
    SELECT toUnixTimestamp64Milli(recorded_at) - toUnixTimestamp64Milli(occurred_at) AS lag_ms, rk, case_id, case_country AS dim_country, concat(toString(toYear(occurred_at)), '-Q', toString(toQuarter(occurred_at))) AS dim_period, dim_exploitation, if(case_is_child, 'child', 'adult') AS dim_ageGroup
    FROM {db:Identifier}.events_v1
    ARRAY JOIN case_exploitation AS dim_exploitation
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0, optimize_aggregation_in_order = 1
