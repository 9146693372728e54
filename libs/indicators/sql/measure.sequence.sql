-- measure.sequence: of the D(m) cases with completed(c, b) — b being m's `before` measure — those
-- with done(c, m) defined and done(c, m) <= completed(c, b). Cases with no record of m count in
-- the denominator, so it starts from b's pairs: those with completed(c, b), for each m that
-- applies, less the m pairs that opted out.
WITH
{{> pair-view}},
{{> cat}},
seq_base AS (
    SELECT {{dims}} cat.measure AS measure, cat.measure_sop AS measure_sop, sum(pairs.sign) AS cases
    FROM pairs
    INNER JOIN cat ON cat.before_measure = pairs.measure
    WHERE pairs.has_completed AND {{> applies}}
    GROUP BY ALL
),
seq_recorded AS (
    SELECT {{dims}} measure,
           sumIf(sign, has_na AND NOT has_done)                      AS opted_out,
           sumIf(sign, has_done AND done_ms <= before_completed_ms)   AS numerator
    FROM pairs
    WHERE has_before AND applies {{> pair-filter}}
    GROUP BY ALL
)
SELECT {{dims}} measure, measure_sop AS sop,
       cases - opted_out AS denominator,
       numerator
FROM seq_base
LEFT JOIN seq_recorded USING ({{dims}} measure)
WHERE denominator > 0
