-- D(m) without building every (case, measure) pair: count cases by the facts applicability
-- depends on, then subtract the cases that opted out (not_applicable and never done).
base AS (
    SELECT {{dims}} is_child, is_foreign, is_origin, entered_mask, count() AS cases
    FROM facts
    GROUP BY ALL
),
applicable AS (
    SELECT {{dims}} measure, measure_sop, sum(cases) AS applicable
    FROM base CROSS JOIN cat
    WHERE {{> applies}}
    GROUP BY ALL
),
recorded AS (
    SELECT {{dims}} measure,
           countIf(has_na AND NOT has_done) AS opted_out,
           countIf(has_done)                AS done,
           countIf(has_completed)           AS completed
    FROM pairs
    GROUP BY ALL
)
