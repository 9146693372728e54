-- The cohort's rows of a signed view (case_view_v1: one per case; measure_view_v1: per (case,
-- measure) with records; deadline_view_v1: per pair that can be overdue — migrations/clickhouse
-- 0002 and 0004) in its newest snapshot at or before asOf, one row per live version, with the
-- request's grouping dimensions (dim_*). `view` is the view's name, from the list's item.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_snapshots_v1
    {{exploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{> cohort-filter}}
)
