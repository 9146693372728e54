-- referral.unacknowledged: referrals sent in [from, to) more than the receipt window (`windowDays`: P7D) before asOf with no receipt
-- (a referral.received of the same referralId by the receiver naming the sender, at any delay).
WITH
{{> removed-events}},
{{> referrals}}
SELECT {{dims}} countIf(has_reply = 0 AND sent_ms + {windowDays:UInt16} * 86400000 < {asOfMs:Int64}) AS count
       {{#dc}}, bitAnd(sumIf(toInt64(rk), has_reply = 0 AND sent_ms + {windowDays:UInt16} * 86400000 < {asOfMs:Int64}), 4294967295) AS count_key{{/dc}}
FROM matched
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0
