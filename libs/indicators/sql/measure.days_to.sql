-- measure.days_to: done(c, m) − anchorTime(c), in days, over the measure.timeliness denominator.
WITH
{{> pair-view}},
{{> timed}}
SELECT {{dims}} measure, sop, n, median, p90
FROM (
    SELECT {{dims}} measure, measure_sop AS sop,
           arraySort(x -> (x.1, x.2), groupArray(((done_ms - anchor_ms) / 86400000, sign))) AS vs,
           {{> signed-quantiles}}
    FROM timed
    GROUP BY ALL
)
