-- case.days_to_closure: closure(c).occurredAt − openedAt in days over the closed cohort cases
-- (closed_ms is the earliest effective case.closed), as signed values of the versions (see
-- fragments/signed-quantiles.sql): no grouping by case.
SELECT {{dims}} n, median, p90{{#dc}}, bitAnd(keys, 4294967295) AS n_key{{/dc}}
FROM (
    SELECT {{dims}} arraySort(groupArrayArray(part)) AS ks, 86400000 AS scale{{#dc}}, sum(keys) AS keys{{/dc}},
           {{> signed-quantiles}}
    FROM (
        {{#case_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} groupArray((closed_ms - toUnixTimestamp64Milli(opened_at)) * 2 + (sign > 0)) AS part{{#dc}}, sum(sign * rk) AS keys{{/dc}}
        FROM {{> view-source}}
        WHERE has_closure
        GROUP BY ALL
        {{/case_view}}
    )
    GROUP BY ALL
)
SETTINGS optimize_aggregation_in_order = 1
