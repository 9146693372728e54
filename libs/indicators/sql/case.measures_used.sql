-- case.measures_used: per cohort case, the number of distinct measures with done(c, m) defined
-- (cases with none count as 0).
SELECT {{dims}} n, median, p90{{#dc}}, bitAnd(keys, 4294967295) AS n_key{{/dc}}
FROM (
    SELECT {{dims}} arraySort(groupArrayArray(part)) AS ks, 1 AS scale{{#dc}}, sum(keys) AS keys{{/dc}},
           {{> signed-quantiles}}
    FROM (
        {{#case_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} groupArray(toInt64(measures_used) * 2 + (sign > 0)) AS part{{#dc}}, sum(sign * rk) AS keys{{/dc}}
        FROM {{> view-source}}
        GROUP BY ALL
        {{/case_view}}
    )
    GROUP BY ALL
)
SETTINGS optimize_aggregation_in_order = 1
