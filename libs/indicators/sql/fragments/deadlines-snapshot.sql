-- The cohort's pairs that can be overdue (deadline_view_v1, see migrations/clickhouse/0004) in the
-- newest snapshot at or before asOf, with the request's grouping dimensions (dim_*).
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.deadline_view_snapshots_v1
    {{exploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{> cohort-filter}}
)
