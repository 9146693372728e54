-- The (case, measure) pair versions of the cohort in the newest snapshot at or before asOf, with
-- the request's grouping dimensions (dim_*). A pair row holds done / completed / opted-out, the
-- anchor and due times, the `before` measure's completion, applies(c, m) and whether the case
-- closed by the due time; hub measures' rows also carry the case's entered SOPs and earliest
-- closure (measure_view_v1, see migrations/clickhouse/0002).
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.measure_view_snapshots_v1
    {{exploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{> cohort-filter}}
)
