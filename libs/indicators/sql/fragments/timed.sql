-- The measure.timeliness denominator: D(m) pairs of measures with a deadline whose done(c, m) and
-- anchor time are defined (done implies not opted out).
timed AS (
    SELECT {{dims}} measure, measure_sop, sign, done_ms, anchor_ms, deadline_ms
    FROM pairs
    INNER JOIN cat USING (measure)
    WHERE deadline_anchor != '' AND has_done AND has_anchor AND {{> applies-pair}}
)
