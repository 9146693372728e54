-- The cohort as known at asOf: the signed versions of cases opened in [from, to), with their
-- grouping dimensions. Σ sign over a case's versions recorded by asOf is 1 while the case is live
-- and 0 otherwise, so every figure is a sum of `sign`, never a grouping by case. The versions come
-- from the latest snapshot at or before asOf (collapsed) and those recorded after it.
cohort AS (
    SELECT sign, toUnixTimestamp64Milli(opened_at) AS opened_ms, is_child, is_foreign, is_origin, entered_mask,
           measures_used, has_closure, closed_ms{{caseDims}}
    FROM (
        SELECT sign, country, opened_at, sex, citizenship, country_role, exploitation, is_child, is_foreign, is_origin,
               entered_mask, measures_used, has_closure, closed_ms
        FROM {db:Identifier}.case_view_snapshots_v1
        WHERE snapshot = {snapshot:UInt64}
          {{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
          {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
          {{cohortExtra}}
        UNION ALL
        SELECT sign, country, opened_at, sex, citizenship, country_role, exploitation, is_child, is_foreign, is_origin,
               entered_mask, measures_used, has_closure, closed_ms
        FROM {db:Identifier}.case_view_v1
        WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
          {{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
          {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
          {{cohortExtra}}
    )
    {{exploitationJoin}}
)
