-- referral.feedback: of the referrals sent in [from, to), those with feedback from the receiving
-- country addressed to the sender within P90D after the sending.
WITH
{{> retracted}},
{{> removed-cases}},
{{> referrals}}
SELECT {{dims}} count() AS denominator,
       countIf(has_reply = 1 AND first_ms <= sent_ms + 90 * 86400000) AS numerator
FROM matched
GROUP BY ALL
