-- case.closure_reason: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT  closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
FROM (
    SELECT  closure_reason, sum(sign) AS s
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
    WHERE has_closure
    GROUP BY ALL
    UNION ALL
    SELECT  closure_reason, sum(sign) AS s
    FROM (
    SELECT *
    FROM {db:Identifier}.case_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
    WHERE has_closure
    GROUP BY ALL
)
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
