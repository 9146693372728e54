-- case.stalled: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   asOfMs = 1767139200000
--   db = "trm"
--   snapshotPosition = 0
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
SELECT  sum(cases) AS count
FROM (
    SELECT  sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS use_index_for_in_with_subqueries = 0
