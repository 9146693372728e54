-- measure.days_to: done(c, m) − anchorTime(c), in days, over the measure.timeliness denominator.
-- Median and p90 by the inclusive method (position p·(n−1), linear interpolation). Two forms with
-- the same figures, the engine picks the faster for the request:
{{#live}}
-- From a recent snapshot: over the live pair rows (one per pair, no signs), so the quantiles are
-- ClickHouse's own quantilesExactInclusive, taken per source in table order and merged.
SELECT {{dims}} measure, sop, n, q[1] AS median, q[2] AS p90{{#dc}}, bitAnd(keys, 4294967295) AS n_key{{/dc}}
FROM (
    SELECT {{dims}} measure, any(measure_sop) AS sop, toInt64(countMerge(c)) AS n,
           quantilesExactInclusiveMerge(0.5, 0.9)(state) AS q{{#dc}}, sum(keys) AS keys{{/dc}}
    FROM (
        {{#measure_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} measure, any(sop) AS measure_sop, countState() AS c,
               quantilesExactInclusiveState(0.5, 0.9)((done_ms - anchor_ms) / 86400000) AS state{{#dc}}, sum(toInt64(rk)) AS keys{{/dc}}
        FROM {{> live-source}}
        WHERE {{> timed}}
        GROUP BY ALL
        {{/measure_view}}
    )
    GROUP BY ALL
)
{{/live}}
{{^live}}
-- Otherwise (no snapshot, or many versions since): over the signed versions, where a -1 cancels
-- an equal +1 — no need to find each pair's last version.
SELECT {{dims}} measure, sop, n, median, p90{{#dc}}, bitAnd(keys, 4294967295) AS n_key{{/dc}}
FROM (
    SELECT {{dims}} measure, measure_sop AS sop, arraySort(groupArrayArray(part)) AS ks, 86400000 AS scale{{#dc}}, sum(keys) AS keys{{/dc}},
           {{> signed-quantiles}}
    FROM (
        {{#measure_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} measure, any(sop) AS measure_sop, groupArray((done_ms - anchor_ms) * 2 + (sign > 0)) AS part{{#dc}}, sum(sign * rk) AS keys{{/dc}}
        FROM {{> view-source}}
        WHERE {{> timed}}
        GROUP BY ALL
        {{/measure_view}}
    )
    GROUP BY ALL
)
{{/live}}
SETTINGS optimize_aggregation_in_order = 1
