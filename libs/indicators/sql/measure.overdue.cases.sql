-- measure.overdue with the overdue cases' ids (GET /v1/gaps?detail=cases): the pairs of
-- deadline_view_v1 overdue at asOf whose versions sum to 1 — a pair whose facts changed keeps only
-- its live version — one id per case and measure (and per group of a multi-valued dimension).
SELECT {{dims}} measure, any(measure_sop) AS sop, count() AS count, arraySort(groupArray(case_id)) AS case_ids
FROM (
    SELECT {{dims}} measure, case_id, any(pair_sop) AS measure_sop
    FROM (
        {{#deadline_view}}
        {{#unionAll}}UNION ALL{{/unionAll}}
        SELECT {{dims}} measure, case_id, sop AS pair_sop, sign
        FROM {{> view-source}}
        WHERE {{> overdue}}
        {{/deadline_view}}
    )
    GROUP BY ALL
    HAVING sum(sign) > 0
)
GROUP BY ALL
