-- (case, measure) pairs with at least one effective record, for measures that apply to the case.
pairs AS (
    SELECT {{dims}} case_id, opened_ms, measure, measure_sop, deadline_anchor, deadline_ms, before_measure,
           has_done, done_ms, has_completed, completed_ms, has_na
    FROM facts
    INNER JOIN cm USING (case_id)
    INNER JOIN cat USING (measure)
    WHERE {{> applies}}
)
