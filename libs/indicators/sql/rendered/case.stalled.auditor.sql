-- case.stalled: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
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
SELECT  sum(cases) AS count
FROM (
    SELECT  sum(sign) AS cases
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
    UNION ALL
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
