-- measure.delivery: of D(m), the cases with completed(c, m) defined (INDICATORS.md "Proportions").
WITH
{{> cat}},
{{> measure-denominator}}
SELECT {{dims}} measure, measure_sop AS sop,
       applicable - opted_out AS denominator,
       completed AS numerator
       {{#dc}}, bitAnd(applicable_keys - opted_out_keys, 4294967295) AS denominator_key, bitAnd(completed_keys, 4294967295) AS numerator_key{{/dc}}
FROM applicable
LEFT JOIN recorded USING ({{dims}} measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
