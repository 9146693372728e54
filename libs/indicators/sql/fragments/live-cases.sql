-- The cohort's live cases as of asOf, one row per case (per exploitation form when grouped by it)
-- with the request's dimensions: each version of case_view summed by sign (1 for the version live
-- at asOf, 0 for the others), for figures that join a case to its per-event rows.
live_cases AS (
    SELECT case_id, {{dims}} has_closure, rk
    FROM (
        {{@case_view}}
        SELECT case_id, {{dims}} has_closure, rk, sum(sign) AS s
        FROM {{source}}
        GROUP BY ALL
        {{/case_view}}
    )
    GROUP BY ALL
    HAVING sum(s) > 0
)
