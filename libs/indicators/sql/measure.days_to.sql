-- measure.days_to: done(c, m) − anchorTime(c), in days, over the measure.timeliness denominator.
WITH
{{> pair-view}},
{{> timed}}
SELECT {{dims}} measure, sop, n, median, p90
FROM (
    SELECT {{dims}} measure, measure_sop AS sop,
           arraySort(groupArray((done_ms - anchor_ms) * 2 + (sign > 0))) AS ks, 86400000 AS scale,
           {{> signed-quantiles}}
    FROM timed
    GROUP BY ALL
)
