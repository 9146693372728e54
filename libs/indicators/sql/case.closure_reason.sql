-- case.closure_reason: of the closed cohort cases, those whose closure(c) — the effective
-- case.closed with the earliest occurredAt, then recordedAt, then eventId — has reason r, per reason
-- of the vocabulary (a row for every reason, 0 included, wherever the denominator is not 0).
-- The projector writes closure(c)'s reason on the case view (migration 0010), so both figures are
-- signed sums over the view's versions, like case.closure (no grouping by case).
SELECT {{dims}} closureReason, sum(s) AS denominator, sumIf(s, closure_reason = closureReason) AS numerator
       {{#dc}}, bitAnd(sum(keys), 4294967295) AS denominator_key,
       bitAnd(sumIf(keys, closure_reason = closureReason), 4294967295) AS numerator_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} closure_reason, sum(sign) AS s{{#dc}}, sum(sign * rk) AS keys{{/dc}}
    FROM {{> view-source}}
    WHERE has_closure
    GROUP BY ALL
    {{/case_view}}
)
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
