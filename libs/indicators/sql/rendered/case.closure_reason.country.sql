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
SELECT  closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
FROM (
    SELECT  closure_reason, sum(sign) AS s
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    WHERE has_closure
    GROUP BY ALL
    UNION ALL
    SELECT  closure_reason, sum(sign) AS s
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND has({countries:Array(String)}, country)
)
    WHERE has_closure
    GROUP BY ALL
)
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
