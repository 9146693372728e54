-- measure.sequence: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
WITH
cat AS (
    SELECT version AS catalogue, code AS measure, sop AS measure_sop, needs_child, needs_adult, needs_foreign, needs_origin, needs_entered,
           deadline_anchor, deadline_ms, before_measure
    FROM {db:Identifier}.catalogue_measures_v1 FINAL
    WHERE adopted
)
,
seq_base AS (
    -- b's pairs carry the case's facts and governing document (b is a hub measure): count them by those first.
    SELECT  cat.measure AS measure, cat.measure_sop AS measure_sop, sum(b.cases) AS cases
    FROM (
        SELECT  measure, catalogue, is_child, is_foreign, is_origin, entered_mask, sum(cases) AS cases
        FROM (
            SELECT  measure, catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases
            FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
            WHERE has_completed AND measure IN (SELECT before_measure FROM cat)
            GROUP BY ALL
            UNION ALL
            SELECT  measure, catalogue, is_child, is_foreign, is_origin, entered_mask, sum(sign) AS cases
            FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
            WHERE has_completed AND measure IN (SELECT before_measure FROM cat)
            GROUP BY ALL
        )
        GROUP BY ALL
    ) AS b
    INNER JOIN cat ON cat.before_measure = b.measure AND cat.catalogue = b.catalogue
    WHERE (NOT needs_child OR is_child) AND (NOT needs_adult OR NOT is_child)
          AND (NOT needs_foreign OR is_foreign) AND (NOT needs_origin OR is_origin)
          AND (needs_entered = 0 OR bitTest(entered_mask, needs_entered))
    GROUP BY ALL
),
seq_recorded AS (
    SELECT  measure, sum(opted_out) AS opted_out, sum(in_order) AS numerator
    FROM (
        SELECT  measure,
               sumIf(sign, has_na AND NOT has_done)                    AS opted_out,
               sumIf(sign, has_done AND done_ms <= before_completed_ms) AS in_order
        FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
)
        WHERE has_before AND applies
        GROUP BY ALL
        UNION ALL
        SELECT  measure,
               sumIf(sign, has_na AND NOT has_done)                    AS opted_out,
               sumIf(sign, has_done AND done_ms <= before_completed_ms) AS in_order
        FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
        WHERE has_before AND applies
        GROUP BY ALL
    )
    GROUP BY ALL
)
SELECT  measure, measure_sop AS sop,
       cases - opted_out AS denominator,
       numerator
FROM seq_base
LEFT JOIN seq_recorded USING ( measure)
WHERE denominator > 0
SETTINGS optimize_aggregation_in_order = 1
