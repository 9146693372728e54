-- measure.timeliness: of the D(m) cases with done(c, m) and an anchor time, those done by the
-- deadline: done(c, m) <= due(c, m) = anchorTime(c) + within. Measures with a deadline only.
SELECT {{dims}} measure, measure_sop AS sop,
       sum(timed) AS denominator,
       sum(in_time) AS numerator
FROM (
    {{@measure_view}}
    SELECT {{dims}} measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
    FROM {{source}}
    WHERE {{> timed}}
    GROUP BY ALL
    {{/measure_view}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
