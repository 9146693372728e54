-- case.closure_reason: a manager: disclosure control (k = 5, cell keys), asOf rounded to the day, a whole year
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 00:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
--   db = "trm"
--   from = "2025-01-01 00:00:00.000"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   to = "2026-01-01 00:00:00.000"
SELECT  closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
       , bitAnd(sum(keys), 4294967295) AS denominator_key,
       bitAnd(sumIf(keys, closure_reason = closureReason), 4294967295) AS numerator_key
FROM (
    SELECT  closure_reason, sum(sign) AS s, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE has_closure
    GROUP BY ALL
    UNION ALL
    SELECT  closure_reason, sum(sign) AS s, sum(sign * rk) AS keys
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE has_closure
    GROUP BY ALL
)
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
