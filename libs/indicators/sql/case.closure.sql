-- case.closure: of the cohort, the cases with an effective case.closed (has_closure of the case's
-- version live as of asOf; Σ sign over the versions counts each live case once).
SELECT {{dims}} sum(cases) AS denominator, sum(closed) AS numerator
       {{#dc}}, bitAnd(sum(keys), 4294967295) AS denominator_key, bitAnd(sum(closed_keys), 4294967295) AS numerator_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} sum(sign) AS cases, sum(sign * has_closure) AS closed
           {{#dc}}, sum(sign * rk) AS keys, sum(sign * has_closure * rk) AS closed_keys{{/dc}}
    FROM {{> view-source}}
    GROUP BY ALL
    {{/case_view}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
