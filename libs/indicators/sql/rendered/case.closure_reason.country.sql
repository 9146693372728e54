-- case.closure_reason: a country filter and a period [from, to)
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
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
,
first_closure AS (
    SELECT case_id, argMin(reason, (occurred_at, recorded_at, event_id)) AS first_reason
    FROM {db:Identifier}.closures_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
      AND has({countries:Array(String)}, country)
    GROUP BY case_id
)
SELECT  closureReason, sum(s) AS denominator, sumIf(s, first_reason = closureReason) AS numerator
FROM (
    SELECT case_id,  sign AS s, toInt64(rk) AS rk
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    WHERE has_closure
    UNION ALL
    SELECT case_id,  sign AS s, toInt64(rk) AS rk
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    WHERE has_closure
) AS v
INNER JOIN first_closure AS f ON f.case_id = v.case_id
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
