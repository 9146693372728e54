-- The measure.timeliness denominator, as a condition on pair rows: D(m) pairs of measures with a
-- deadline whose done(c, m) and anchor time are defined (done implies not opted out; an anchor
-- implies a deadline).
applies AND has_done AND has_anchor {{> pair-filter}}
