-- case.stalled: a manager: disclosure control (k = 5, cell keys), asOf rounded to the day, a whole year
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 00:00:00.000"
--   asOfMs = 1782777600000
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
,
recent AS (
    SELECT case_id
    FROM {db:Identifier}.events_v1
    WHERE occurred_at >= fromUnixTimestamp64Milli({asOfMs:Int64} - 60 * 86400000, 'UTC')
      AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
)
SELECT  sum(cases) AS count, bitAnd(sum(keys), 4294967295) AS count_key
FROM (
    SELECT  sum(sign) AS cases, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
    UNION ALL
    SELECT  sum(sign) AS cases, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS use_index_for_in_with_subqueries = 0
