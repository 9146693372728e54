-- case.closure_reason: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   closureReasons = ["social_inclusion_achieved","returned_and_handed_over","transferred_to_other_country","assistance_declined","lost_contact","deceased","other"]
--   db = "trm"
--   snapshotPosition = 0
SELECT  closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
FROM (
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
