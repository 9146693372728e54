-- The cohort's case versions in the newest snapshot at or before asOf (one row per live case; a
-- case's attributes never change, so its versions differ in the facts the fold derives), with the
-- request's grouping dimensions (dim_*). Cases: case_view_v1, see migrations/clickhouse/0002.
(
    SELECT *, toUnixTimestamp64Milli(opened_at) AS opened_ms{{caseDims}}
    FROM {db:Identifier}.case_view_snapshots_v1
    {{exploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{> cohort-filter}}
)
