-- case.count: cohort cases.
SELECT {{dims}} sum(cases) AS count{{#dc}}, bitAnd(sum(keys), 4294967295) AS count_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
    FROM {{> view-source}}
    GROUP BY ALL
    {{/case_view}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
