-- measure.days_to: an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 12:00:00.000"
--   db = "trm"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
SELECT  measure, sop, n, q[1] AS median, q[2] AS p90
FROM (
    SELECT  measure, any(measure_sop) AS sop, toInt64(countMerge(c)) AS n,
           quantilesExactInclusiveMerge(0.5, 0.9)(state) AS q
    FROM (
        SELECT  measure, any(sop) AS measure_sop, countState() AS c,
               quantilesExactInclusiveState(0.5, 0.9)((done_ms - anchor_ms) / 86400000) AS state
        FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND pair_id NOT IN (
          SELECT pair_id FROM {db:Identifier}.measure_view_v1
          WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
            AND sign < 0)
)
        WHERE applies AND has_done AND has_anchor
        GROUP BY ALL
        UNION ALL
        SELECT  measure, any(sop) AS measure_sop, countState() AS c,
               quantilesExactInclusiveState(0.5, 0.9)((done_ms - anchor_ms) / 86400000) AS state
        FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND sign > 0
      AND (pair_id, position) IN (
          SELECT pair_id, max(position) FROM {db:Identifier}.measure_view_v1
          WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
          GROUP BY pair_id)
)
        WHERE applies AND has_done AND has_anchor
        GROUP BY ALL
    )
    GROUP BY ALL
)
SETTINGS optimize_aggregation_in_order = 1
