-- measure.timeliness: a manager: disclosure control (k = 5, cell keys), asOf rounded to the day, a whole year
-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.
--   asOf = "2026-06-30 00:00:00.000"
--   db = "trm"
--   from = "2025-01-01 00:00:00.000"
--   snapshot = 1782817200000
--   snapshotPosition = 500000
--   to = "2026-01-01 00:00:00.000"
SELECT  measure, measure_sop AS sop,
       sum(timed) AS denominator,
       sum(in_time) AS numerator
       , bitAnd(sum(timed_keys), 4294967295) AS denominator_key, bitAnd(sum(in_time_keys), 4294967295) AS numerator_key
FROM (
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
           , sum(sign * rk) AS timed_keys, sumIf(sign * rk, done_ms <= due_ms) AS in_time_keys
    FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_snapshots_v1
    WHERE snapshot = {snapshot:UInt64}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE applies AND has_done AND has_anchor
    GROUP BY ALL
    UNION ALL
    SELECT  measure, any(sop) AS measure_sop, sum(sign) AS timed, sumIf(sign, done_ms <= due_ms) AS in_time
           , sum(sign * rk) AS timed_keys, sumIf(sign * rk, done_ms <= due_ms) AS in_time_keys
    FROM (
    SELECT *
    FROM {db:Identifier}.measure_view_v1
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
)
    WHERE applies AND has_done AND has_anchor
    GROUP BY ALL
)
GROUP BY ALL
SETTINGS optimize_aggregation_in_order = 1
