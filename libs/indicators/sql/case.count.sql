-- case.count: cohort cases.
SELECT {{dims}} sum(cases) AS count
FROM (
    {{@case_view}}
    SELECT {{dims}} sum(sign) AS cases
    FROM {{source}}
    GROUP BY ALL
    {{/case_view}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
