-- data.reporting_lag: a country filter and a period [from, to)
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   countries = ["BG","RO"]
--   db = "trm"
--   from = "2025-01-01 00:00:00.000"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   to = "2026-01-01 00:00:00.000"
WITH
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
SELECT  sum(events) AS n,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[1] AS median,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[2] AS p90
FROM (
    SELECT  count() AS events, quantilesExactInclusiveState(0.5, 0.9)(lag_ms / 86400000) AS lags
    FROM (
    SELECT lag_ms, rk, case_id
    FROM {db:Identifier}.event_lag_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND position NOT IN (
          SELECT event_position FROM {db:Identifier}.removed_events_v1
          WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      )
      AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    GROUP BY ALL
    UNION ALL
    SELECT  count() AS events, quantilesExactInclusiveState(0.5, 0.9)(lag_ms / 86400000) AS lags
    FROM (
    SELECT toUnixTimestamp64Milli(recorded_at) - toUnixTimestamp64Milli(occurred_at) AS lag_ms, rk, case_id
    FROM {db:Identifier}.events_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
      AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0, optimize_aggregation_in_order = 1
