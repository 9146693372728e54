-- referral.feedback: of the referrals sent in [from, to), those with feedback from the receiving
-- country addressed to the sender within the feedback window after the sending (`windowDays`: P90D, REFERRAL_WINDOWS).
WITH
{{> removed-events}},
{{> referrals}}
SELECT {{dims}} count() AS denominator,
       countIf(has_reply = 1 AND first_ms <= sent_ms + {windowDays:UInt16} * 86400000) AS numerator
       {{#dc}}, bitAnd(sum(toInt64(rk)), 4294967295) AS denominator_key,
       bitAnd(sumIf(toInt64(rk), has_reply = 1 AND first_ms <= sent_ms + {windowDays:UInt16} * 86400000), 4294967295) AS numerator_key{{/dc}}
FROM matched
GROUP BY ALL
-- Measured on chDB 26.7 at 6.5M events: moving the filters to PREWHERE makes the position
-- NOT IN (...) test several times slower here (e.g. 430 → 160 ms for the referral indicators).
SETTINGS optimize_move_to_prewhere = 0
