-- referral.acknowledgement: of the referrals sent in [from, to), those the receiving country
-- recorded as received (naming the sender) within P7D after the sending.
WITH
{{> retracted}},
{{> removed-cases}},
{{> referrals}}
SELECT {{dims}} count() AS denominator,
       countIf(has_reply = 1 AND first_ms <= sent_ms + 7 * 86400000) AS numerator
FROM matched
GROUP BY ALL
