-- GET /v1/referrals/open (CONTRACT.md "Referrals still open"): every referral as of asOf without a
-- receipt, or with a receipt but no feedback (matching as in INDICATORS.md "Referrals seen from
-- both sides"), oldest first. `country` filters the sender, `toCountries` the receiver,
-- `eitherSide` (a rapporteur naming neither) keeps referrals with either side among its countries.
WITH
{{> removed-events}},
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
      {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
      {{#toCountries}}AND has({toCountries:Array(String)}, counterpart){{/toCountries}}
      {{#eitherSide}}AND (has({eitherSide:Array(String)}, country) OR has({eitherSide:Array(String)}, counterpart)){{/eitherSide}}
),
-- The (referral, replying country, country it names) pairs with a receipt, and with feedback.
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
