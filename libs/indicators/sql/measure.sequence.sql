-- measure.sequence: of the D(m) cases with completed(c, b) — b being m's `before` measure — those
-- with done(c, m) defined and done(c, m) <= completed(c, b). Cases with no record of m count in
-- the denominator, so it starts from b's pairs: those with completed(c, b), for each m that
-- applies, less the m pairs that opted out.
WITH
{{> cat}},
seq_base AS (
    -- b's pairs carry the case's facts and governing document (b is a hub measure): count them by those first.
    SELECT {{dims}} cat.measure AS measure, cat.measure_sop AS measure_sop, sum(b.cases) AS cases{{#dc}}, sum(b.keys) AS keys{{/dc}}
    FROM (
        SELECT {{dims}} measure, catalogue, is_child, is_foreign, is_origin, entered_mask, sum(cases) AS cases{{#dc}}, sum(keys) AS keys{{/dc}}
        FROM (
            {{#measure_view}}
            {{#unionAll}}UNION ALL{{/unionAll}}
            SELECT {{dims}} measure, catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
            FROM {{> view-source}}
            WHERE has_completed AND measure IN (SELECT before_measure FROM cat)
            GROUP BY ALL
            {{/measure_view}}
        )
        GROUP BY ALL
    ) AS b
    INNER JOIN cat ON cat.before_measure = b.measure AND cat.catalogue = b.catalogue
    WHERE {{> applies}}
    GROUP BY ALL
),
seq_recorded AS (
    SELECT {{dims}} measure, sum(opted_out) AS opted_out, sum(in_order) AS numerator
           {{#dc}}, sum(opted_out_keys) AS opted_out_keys, sum(in_order_keys) AS numerator_keys{{/dc}}
    FROM (
        {{#measure_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} measure,
               sumIf(sign, has_na AND NOT has_done)                    AS opted_out,
               sumIf(sign, has_done AND done_ms <= before_completed_ms) AS in_order
               {{#dc}}, sumIf(sign * rk, has_na AND NOT has_done) AS opted_out_keys,
               sumIf(sign * rk, has_done AND done_ms <= before_completed_ms) AS in_order_keys{{/dc}}
        FROM {{> view-source}}
        WHERE has_before AND applies {{> pair-filter}}
        GROUP BY ALL
        {{/measure_view}}
    )
    GROUP BY ALL
)
SELECT {{dims}} measure, measure_sop AS sop,
       cases - opted_out AS denominator,
       numerator
       {{#dc}}, bitAnd(keys - opted_out_keys, 4294967295) AS denominator_key, bitAnd(numerator_keys, 4294967295) AS numerator_key{{/dc}}
FROM seq_base
LEFT JOIN seq_recorded USING ({{dims}} measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
