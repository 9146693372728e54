-- case.measures_used: per cohort case, the number of distinct measures with done(c, m) defined
-- (cases with none count as 0).
WITH
{{> case-view}}
SELECT {{dims}} n, median, p90
FROM (
    SELECT {{dims}} arraySort(x -> (x.1, x.2), groupArray((toFloat64(measures_used), sign))) AS vs,
           {{> signed-quantiles}}
    FROM cohort
    GROUP BY ALL
)
