-- referral.acknowledgement: as of a past time before any snapshot: every row from the views' versions
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2025-12-31 00:00:00.000"
--   db = "trm"
--   replyKind = "received"
--   windowDays = 7
WITH
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
,
refs AS (
    SELECT *, toUnixTimestamp64Milli(occurred_at) AS at_ms
    FROM {db:Identifier}.referrals_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
),
sent AS (
    SELECT at_ms, referral_id, country, counterpart, rk
    FROM refs
    WHERE kind = 'sent'
),
replies AS (
    SELECT referral_id, country AS reply_country, counterpart AS reply_names, min(at_ms) AS first_ms, 1 AS has_reply
    FROM refs
    WHERE kind = {replyKind:String}
    GROUP BY referral_id, country, counterpart
),
matched AS (
    -- A reply matches when it comes from the country referred to and names the sender.
    -- rk: the referral's record key (its referral.sent event's), for disclosure control.
    SELECT  s.at_ms AS sent_ms, r.has_reply AS has_reply, r.first_ms AS first_ms,
           s.rk AS rk
    FROM sent AS s
    LEFT JOIN replies AS r ON r.referral_id = s.referral_id AND r.reply_country = s.counterpart AND r.reply_names = s.country
)
SELECT  count() AS denominator,
       countIf(has_reply = 1 AND first_ms <= sent_ms + {windowDays:UInt16} * 86400000) AS numerator
FROM matched
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0
