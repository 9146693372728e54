-- Done pairs of measures with a deadline, with the anchor: openedAt, or done(c, anchor measure).
timed AS (
    SELECT p.*,
           if(p.deadline_anchor = 'case.opened', p.opened_ms, a.done_ms)  AS anchor_ms,
           (p.deadline_anchor = 'case.opened' OR a.has_done)              AS has_anchor
    FROM pairs AS p
    LEFT JOIN cm AS a ON a.case_id = p.case_id AND a.measure = p.deadline_anchor
    WHERE p.deadline_anchor != '' AND p.has_done
)
