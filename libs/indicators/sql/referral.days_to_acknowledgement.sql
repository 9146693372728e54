-- referral.days_to_acknowledgement: first matching referral.received minus the sending, in days,
-- over the referrals sent in [from, to) that have one (any delay).
WITH
{{> retracted}},
{{> removed-cases}},
{{> referrals}}
SELECT {{dims}} count() AS n,
       quantileExactInclusive(0.5)((first_ms - sent_ms) / 86400000) AS median,
       quantileExactInclusive(0.9)((first_ms - sent_ms) / 86400000) AS p90
FROM matched
WHERE has_reply = 1
GROUP BY ALL
