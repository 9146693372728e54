-- measure.overdue with the overdue cases' ids (GET /v1/gaps?detail=cases), computed from the
-- per-event read models, case by case: slower than measure.overdue.sql, which counts from the
-- signed case views, but it names every case. The property test holds both to the reference.
-- Cases in D(m) (cohort: live cases opened before asOf, within [from, to) when
-- given) whose due time has passed at asOf, with no done(c, m) <= asOf and no effective
-- case.closed at or before the due time. Every (case, measure with a deadline) pair is examined,
-- since an overdue measure typically has no record at all.
WITH
{{> retracted}},
{{> raw-cohort}},
{{> raw-case-measures}},
closed AS (
    SELECT case_id, min(toUnixTimestamp64Milli(occurred_at)) AS closed_ms, 1 AS has_closure
    FROM {db:Identifier}.closures_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND event_id NOT IN (SELECT event_id FROM retracted)
      {{cohortRestriction}}
    GROUP BY case_id
),
candidates AS (
    SELECT {{dims}} f.case_id AS case_id, m.measure AS measure, m.measure_sop AS measure_sop,
           if(m.deadline_anchor = 'case.opened', f.opened_ms, a.done_ms) + m.deadline_ms AS due_ms,
           (m.deadline_anchor = 'case.opened' OR a.has_done)                            AS has_anchor,
           x.has_done AND x.done_ms <= {asOfMs:Int64}                                  AS done_by_asof,
           x.has_na AND NOT x.has_done                                                 AS opted_out,
           cl.has_closure AS has_closure, cl.closed_ms AS closed_ms
    FROM facts AS f
    CROSS JOIN cat AS m
    LEFT JOIN cm AS a ON a.case_id = f.case_id AND a.measure = m.deadline_anchor
    LEFT JOIN cm AS x ON x.case_id = f.case_id AND x.measure = m.measure
    LEFT JOIN closed AS cl ON cl.case_id = f.case_id
    WHERE m.deadline_anchor != '' AND {{> applies}}
)
SELECT {{dims}} measure, measure_sop AS sop, count() AS count{{caseIds}}
FROM candidates
WHERE has_anchor AND NOT opted_out AND due_ms < {asOfMs:Int64} AND NOT done_by_asof
  AND NOT (has_closure = 1 AND closed_ms <= due_ms)
GROUP BY ALL
