-- sop.reach: of the cohort, the cases that entered SOP s (a record of one of its measures with a
-- status other than not_applicable), per SOP.
SELECT {{dims}} s AS sop,
       sum(cases) AS denominator,
       sumIf(cases, bitTest(entered_mask, s)) AS numerator
       {{#dc}}, bitAnd(sum(keys), 4294967295) AS denominator_key, bitAnd(sumIf(keys, bitTest(entered_mask, s)), 4294967295) AS numerator_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} entered_mask, sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
    FROM {{> view-source}}
    GROUP BY ALL
    {{/case_view}}
)
ARRAY JOIN arrayFilter(x -> empty({sops:Array(UInt8)}) OR has({sops:Array(UInt8)}, x), [1, 2, 3, 4, 5]) AS s
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
