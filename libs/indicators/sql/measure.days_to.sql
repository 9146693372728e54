-- measure.days_to: done(c, m) − anchorTime(c), in days, over the measure.timeliness denominator.
WITH
{{> retracted}},
{{> cohort}},
{{> case-measures}},
{{> pairs}},
{{> timed}}
SELECT {{dims}} measure, measure_sop AS sop,
       count() AS n,
       quantileExactInclusive(0.5)((done_ms - anchor_ms) / 86400000) AS median,
       quantileExactInclusive(0.9)((done_ms - anchor_ms) / 86400000) AS p90
FROM timed
WHERE has_anchor
GROUP BY ALL
