-- case.closure_reason: of the closed cohort cases, those whose closure(c) — the effective
-- case.closed with the earliest occurredAt, then recordedAt, then eventId — has reason r, per reason
-- of the vocabulary (a row for every reason, 0 included, wherever the denominator is not 0).
-- The reason is not on the case view, so the first closure of each case is taken from closures_v1
-- as of asOf and joined by case to the view's versions with has_closure: both rows of a cancelled
-- pair join alike, so Σ sign still counts each live closed case once (no grouping by case).
WITH
{{> removed-events}},
first_closure AS (
    SELECT case_id, argMin(reason, (occurred_at, recorded_at, event_id)) AS first_reason
    FROM {db:Identifier}.closures_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
      {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
    GROUP BY case_id
)
SELECT {{dims}} closureReason, sum(s) AS denominator, sumIf(s, first_reason = closureReason) AS numerator
       {{#dc}}, bitAnd(sum(s * rk), 4294967295) AS denominator_key,
       bitAnd(sumIf(s * rk, first_reason = closureReason), 4294967295) AS numerator_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT case_id, {{dims}} sign AS s, toInt64(rk) AS rk
    FROM {{> view-source}}
    WHERE has_closure
    {{/case_view}}
) AS v
INNER JOIN first_closure AS f ON f.case_id = v.case_id
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
GROUP BY ALL
