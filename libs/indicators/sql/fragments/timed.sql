-- The measure.timeliness denominator: D(m) pairs of measures with a deadline whose done(c, m) and
-- anchor time are defined (done implies not opted out; an anchor implies a deadline).
timed AS (
    SELECT {{dims}} measure, sop AS measure_sop, sign, done_ms, anchor_ms, due_ms
    FROM pairs
    WHERE applies AND has_done AND has_anchor {{> pair-filter}}
)
