-- measure.overdue: cases in D(m) (cohort: live cases opened before asOf, within [from, to) when
-- given) whose due time has passed at asOf, with no done(c, m) <= asOf and no effective
-- case.closed at or before the due time. An overdue measure typically has no record at all, so
-- the pairs due are counted from what deadlines run from — each case (anchor case.opened) and each
-- done measure (anchor of others) — and the due pairs that were done or opted out are subtracted.
WITH
{{> cat}},
-- A deadline of length w is past due and not closed in time when anchor + w < asOf and no
-- closure at or before anchor + w, i.e. when w < limit = min(asOf, earliest closure) − anchor.
-- The catalogue's deadline lengths (`windows`) are sorted, so those are the first `past` of them:
-- counting the anchors by that one number leaves a few rows per anchor and case profile.
flagged AS (
    SELECT {{dims}} anchor, is_child, is_foreign, is_origin, entered_mask, past, sum(cases) AS cases
    FROM (
        {{@cases}}
        SELECT {{dims}} 'case.opened' AS anchor, is_child, is_foreign, is_origin, entered_mask,
               {{> past-deadlines:opened_ms}} AS past, sum(sign) AS cases
        FROM {{source}}
        GROUP BY ALL
        {{/cases}}
        UNION ALL
        -- hub measures: their rows carry the case's facts
        {{@pairs}}
        SELECT {{dims}} measure AS anchor, is_child, is_foreign, is_origin, entered_mask,
               {{> past-deadlines:done_ms}} AS past, sum(sign) AS cases
        FROM {{source}}
        WHERE has_done AND measure IN (SELECT deadline_anchor FROM cat)
        GROUP BY ALL
        {{/pairs}}
    )
    GROUP BY ALL
),
due AS (
    SELECT {{dims}} cat.measure AS measure, cat.measure_sop AS measure_sop, sum(cases) AS due_cases
    FROM flagged
    INNER JOIN cat ON cat.deadline_anchor = flagged.anchor
    WHERE indexOf({windows:Array(Int64)}, deadline_ms) <= past AND {{> applies}}
    GROUP BY ALL
),
discharged AS (
    SELECT {{dims}} measure, sum(cases) AS discharged
    FROM (
        {{@pairs}}
        SELECT {{dims}} measure, sum(sign) AS cases
        FROM {{source}}
        WHERE has_anchor AND applies {{> pair-filter}}
          AND due_ms < {asOfMs:Int64}
          AND NOT closed_by_due
          AND ((has_done AND done_ms <= {asOfMs:Int64}) OR (has_na AND NOT has_done))
        GROUP BY ALL
        {{/pairs}}
    )
    GROUP BY ALL
)
SELECT {{dims}} measure, measure_sop AS sop, due_cases - discharged AS count
FROM due
LEFT JOIN discharged USING ({{dims}} measure)
WHERE count > 0
SETTINGS optimize_aggregation_in_order = 1
