-- case.measures_used: per cohort case, the number of distinct measures with done(c, m) defined
-- (cases with none count as 0).
WITH
{{> case-view}}
SELECT {{dims}} n, median, p90
FROM (
    SELECT {{dims}} arraySort(groupArray(toInt64(measures_used) * 2 + (sign > 0))) AS ks, 1 AS scale,
           {{> signed-quantiles}}
    FROM cohort
    GROUP BY ALL
)
