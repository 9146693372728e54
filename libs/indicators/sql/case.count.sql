-- case.count: cohort cases.
WITH
{{> retracted}},
{{> cohort}}
SELECT {{dims}} count() AS count
FROM cohort
GROUP BY ALL
