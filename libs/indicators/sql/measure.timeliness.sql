-- measure.timeliness: of the D(m) cases with done(c, m) and an anchor time, those done by the
-- deadline: done(c, m) <= anchorTime(c) + within. Measures with a deadline only.
WITH
{{> retracted}},
{{> cohort}},
{{> case-measures}},
{{> pairs}},
{{> timed}}
SELECT {{dims}} measure, measure_sop AS sop,
       count() AS denominator,
       countIf(done_ms <= anchor_ms + deadline_ms) AS numerator
FROM timed
WHERE has_anchor
GROUP BY ALL
