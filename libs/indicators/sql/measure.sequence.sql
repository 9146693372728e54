-- measure.sequence: of the D(m) cases with completed(c, b) — b being m's `before` measure — those
-- with done(c, m) defined and done(c, m) <= completed(c, b). Cases with no record of m count in
-- the denominator, so this starts from the completed b records rather than from pairs.
WITH
{{> retracted}},
{{> cohort}},
{{> case-measures}},
seq AS (
    SELECT {{dims}} m.measure AS measure, m.measure_sop AS measure_sop,
           b.completed_ms AS before_completed_ms, x.has_done AS x_done, x.done_ms AS x_done_ms,
           x.has_na AS x_na
    FROM facts AS f
    INNER JOIN cm AS b ON b.case_id = f.case_id
    INNER JOIN cat AS m ON m.before_measure = b.measure
    LEFT JOIN cm AS x ON x.case_id = f.case_id AND x.measure = m.measure
    WHERE b.has_completed AND {{> applies}}
)
SELECT {{dims}} measure, measure_sop AS sop,
       count() AS denominator,
       countIf(x_done AND x_done_ms <= before_completed_ms) AS numerator
FROM seq
WHERE NOT (x_na AND NOT x_done)
GROUP BY ALL
