-- measure.days_to: done(c, m) − anchorTime(c), in days, over the measure.timeliness denominator.
SELECT {{dims}} measure, sop, n, median, p90
FROM (
    SELECT {{dims}} measure, measure_sop AS sop, arraySort(groupArrayArray(part)) AS ks, 86400000 AS scale,
           {{> signed-quantiles}}
    FROM (
        {{@measure_view}}
        SELECT {{dims}} measure, any(sop) AS measure_sop, groupArray((done_ms - anchor_ms) * 2 + (sign > 0)) AS part
        FROM {{source}}
        WHERE {{> timed}}
        GROUP BY ALL
        {{/measure_view}}
    )
    GROUP BY ALL
)
SETTINGS optimize_aggregation_in_order = 1
