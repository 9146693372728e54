-- GET /v1/referrals/open: senders and receivers named
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   countries = ["BG"]
--   db = "trm"
--   toCountries = ["IT"]
WITH
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
,
refs AS (
    SELECT kind, referral_id, country, counterpart, toUnixTimestamp64Milli(occurred_at) AS at_ms
    FROM {db:Identifier}.referrals_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
),
sent AS (
    SELECT referral_id, country, counterpart, at_ms
    FROM refs
    WHERE kind = 'sent'
      AND has({countries:Array(String)}, country)
      AND has({toCountries:Array(String)}, counterpart)
),
receipts AS (SELECT DISTINCT referral_id, country AS by_country, counterpart AS names, 1 AS has_receipt FROM refs WHERE kind = 'received'),
feedback AS (SELECT DISTINCT referral_id, country AS by_country, counterpart AS names, 1 AS has_feedback FROM refs WHERE kind = 'feedback')
SELECT s.referral_id AS referralId, s.country AS country, s.counterpart AS toCountry, s.at_ms AS sent_ms,
       r.has_receipt AS received
FROM sent AS s
LEFT JOIN receipts AS r ON r.referral_id = s.referral_id AND r.by_country = s.counterpart AND r.names = s.country
LEFT JOIN feedback AS f ON f.referral_id = s.referral_id AND f.by_country = s.counterpart AND f.names = s.country
WHERE NOT (r.has_receipt = 1 AND f.has_feedback = 1)
ORDER BY sent_ms, referralId
SETTINGS optimize_move_to_prewhere = 0
