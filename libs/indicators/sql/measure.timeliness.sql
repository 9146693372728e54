-- measure.timeliness: of the D(m) cases with done(c, m) and an anchor time, those done by the
-- deadline: done(c, m) <= due(c, m) = anchorTime(c) + within. Measures with a deadline only.
WITH
{{> pair-view}},
{{> timed}}
SELECT {{dims}} measure, measure_sop AS sop,
       sum(sign) AS denominator,
       sumIf(sign, done_ms <= due_ms) AS numerator
FROM timed
GROUP BY ALL
