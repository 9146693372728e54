-- measure.compliance: of D(m), the cases with done(c, m) defined (INDICATORS.md "Proportions").
WITH
{{> cat}},
{{> measure-denominator}}
SELECT {{dims}} measure, measure_sop AS sop,
       applicable - opted_out AS denominator,
       done AS numerator
       {{#dc}}, bitAnd(applicable_keys - opted_out_keys, 4294967295) AS denominator_key, bitAnd(done_keys, 4294967295) AS numerator_key{{/dc}}
FROM applicable
LEFT JOIN recorded USING ({{dims}} measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
