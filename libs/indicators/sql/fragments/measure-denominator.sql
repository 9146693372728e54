-- D(m) without building every (case, measure) pair: count the cohort's cases by the facts
-- applicability depends on (their governing document among them), then subtract the pairs that opted out (not_applicable, never done).
base AS (
    SELECT {{dims}} catalogue, is_child, is_foreign, is_origin, entered_mask, sum(cases) AS cases{{#dc}}, sum(keys) AS keys{{/dc}}
    FROM (
        {{#case_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
        FROM {{> view-source}}
        GROUP BY ALL
        {{/case_view}}
    )
    GROUP BY ALL
),
applicable AS (
    SELECT {{dims}} measure, measure_sop, sum(cases) AS applicable{{#dc}}, sum(keys) AS applicable_keys{{/dc}}
    FROM base INNER JOIN cat USING (catalogue)
    WHERE {{> applies}}
    GROUP BY ALL
),
recorded AS (
    SELECT {{dims}} measure, sum(opted_out) AS opted_out, sum(done) AS done, sum(completed) AS completed
           {{#dc}}, sum(opted_out_keys) AS opted_out_keys, sum(done_keys) AS done_keys, sum(completed_keys) AS completed_keys{{/dc}}
    FROM (
        {{#measure_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} measure,
               sumIf(sign, has_na AND NOT has_done) AS opted_out,
               sumIf(sign, has_done)                AS done,
               sumIf(sign, has_completed)           AS completed
               {{#dc}}, sumIf(sign * rk, has_na AND NOT has_done) AS opted_out_keys, sumIf(sign * rk, has_done) AS done_keys,
               sumIf(sign * rk, has_completed) AS completed_keys{{/dc}}
        FROM {{> view-source}}
        WHERE applies {{> pair-filter}}
        GROUP BY ALL
        {{/measure_view}}
    )
    GROUP BY ALL
)
