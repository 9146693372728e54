-- measure.compliance: of D(m), the cases with done(c, m) defined (INDICATORS.md "Proportions").
WITH
{{> cat}},
{{> measure-denominator}}
SELECT {{dims}} measure, measure_sop AS sop,
       applicable - opted_out AS denominator,
       done AS numerator
FROM applicable
LEFT JOIN recorded USING ({{dims}} measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
