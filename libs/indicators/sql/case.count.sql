-- case.count: cohort cases.
SELECT {{dims}} sum(cases) AS count
FROM (
    {{@cases}}
    SELECT {{dims}} sum(sign) AS cases
    FROM {{source}}
    GROUP BY ALL
    {{/cases}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
