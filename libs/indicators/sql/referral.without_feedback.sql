-- referral.without_feedback: referrals sent in [from, to) more than the feedback window (`windowDays`: P90D) before asOf with no
-- feedback (a referral.feedback of the same referralId by the receiver to the sender, at any delay).
WITH
{{> removed-events}},
{{> referrals}}
SELECT {{dims}} countIf(has_reply = 0 AND sent_ms + {windowDays:UInt16} * 86400000 < {asOfMs:Int64}) AS count
       {{#dc}}, bitAnd(sumIf(toInt64(rk), has_reply = 0 AND sent_ms + {windowDays:UInt16} * 86400000 < {asOfMs:Int64}), 4294967295) AS count_key{{/dc}}
FROM matched
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0
