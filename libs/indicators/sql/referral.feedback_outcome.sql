-- referral.feedback_outcome: of the referrals sent in [from, to) with at least one feedback, those
-- whose first feedback has outcome o, per outcome of the vocabulary (a row for every outcome, 0
-- included, wherever the denominator is not 0).
WITH
{{> removed-events}},
{{> referrals}}
SELECT {{dims}} outcome, count() AS denominator, countIf(first_outcome = outcome) AS numerator
       {{#dc}}, bitAnd(sum(toInt64(rk)), 4294967295) AS denominator_key,
       bitAnd(sumIf(toInt64(rk), first_outcome = outcome), 4294967295) AS numerator_key{{/dc}}
FROM matched
ARRAY JOIN {outcomes:Array(String)} AS outcome
WHERE has_reply = 1
GROUP BY ALL
SETTINGS optimize_move_to_prewhere = 0, use_index_for_in_with_subqueries = 0
