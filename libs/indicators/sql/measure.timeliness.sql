-- measure.timeliness: of the D(m) cases with done(c, m) and an anchor time, those done by the
-- deadline: done(c, m) <= due(c, m) = anchorTime(c) + within. Measures with a deadline only.
SELECT {{dims}} measure, measure_sop AS sop,
       sum(timed) AS denominator,
       sum(in_time) AS numerator
       {{#dc}}, bitAnd(sum(timed_keys), 4294967295) AS denominator_key, bitAnd(sum(in_time_keys), 4294967295) AS numerator_key{{/dc}}
FROM (
    {{#measure_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
           {{#dc}}, sum(sign * rk) AS timed_keys, sumIf(sign * rk, done_ms <= due_ms) AS in_time_keys{{/dc}}
    FROM {{> view-source}}
    WHERE {{> timed}}
    GROUP BY ALL
    {{/measure_view}}
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
