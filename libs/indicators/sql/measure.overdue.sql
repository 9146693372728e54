-- measure.overdue: cases in D(m) (cohort: live cases opened before asOf, within [from, to) when
-- given) whose due time has passed at asOf, with no done(c, m) <= asOf and no effective
-- case.closed at or before the due time. The case fold keeps every pair that can be overdue —
-- with or without a record of m — in deadline_view_v1; this counts those overdue at asOf.
SELECT {{dims}} measure, measure_sop AS sop, sum(cases) AS count{{#dc}}, bitAnd(sum(keys), 4294967295) AS count_key{{/dc}}
FROM (
    {{#deadline_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} measure, any(sop) AS measure_sop, sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
    FROM {{> view-source}}
    WHERE {{> overdue}}
    GROUP BY ALL
    {{/deadline_view}}
)
GROUP BY ALL
HAVING count > 0
SETTINGS optimize_aggregation_in_order = 1
