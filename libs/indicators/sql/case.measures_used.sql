-- case.measures_used: per cohort case, the number of distinct measures with done(c, m) defined
-- (cases with none count as 0).
WITH
{{> retracted}},
{{> cohort}},
{{> case-measures}},
used AS (
    SELECT case_id, countIf(has_done) AS k FROM cm GROUP BY case_id
)
SELECT {{dims}} count() AS n,
       quantileExactInclusive(0.5)(toFloat64(k)) AS median,
       quantileExactInclusive(0.9)(toFloat64(k)) AS p90
FROM facts
LEFT JOIN used USING (case_id)
GROUP BY ALL
