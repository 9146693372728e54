-- case.count: cohort cases.
WITH
{{> case-view}}
SELECT {{dims}} sum(sign) AS count
FROM cohort
GROUP BY ALL
