-- (case, measure) pairs with at least one effective record, as known at asOf: signed versions of
-- the pair's done / completed / opted-out facts, its anchor time, its `before` measure's
-- completion, its due time, whether it applies (CATALOGUE.md appliesTo, evaluated by the case
-- fold) and whether the case closed by its due time, with the case's
-- attributes and grouping dimensions (latest snapshot at or before asOf, plus the versions
-- recorded after it). Hub measures' rows also carry the case's entered SOPs and earliest closure.
pairs AS (
    SELECT sign, measure, is_child, is_foreign, is_origin, entered_mask, has_closure, closed_ms,
           has_done, done_ms, has_completed, completed_ms, has_na, has_anchor, anchor_ms, has_before, before_completed_ms, entered_ok, closed_by_due, applies, due_ms, sop{{caseDims}}
    FROM (
        SELECT sign, measure, country, opened_at, sex, citizenship, country_role, exploitation, is_child, is_foreign, is_origin,
               entered_mask, has_closure, closed_ms, has_done, done_ms, has_completed, completed_ms, has_na,
               has_anchor, anchor_ms, has_before, before_completed_ms, entered_ok, closed_by_due, applies, due_ms, sop
        FROM {db:Identifier}.measure_view_snapshots_v1
        WHERE snapshot = {snapshot:UInt64}
          {{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
          {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
          {{cohortExtra}}
        UNION ALL
        SELECT sign, measure, country, opened_at, sex, citizenship, country_role, exploitation, is_child, is_foreign, is_origin,
               entered_mask, has_closure, closed_ms, has_done, done_ms, has_completed, completed_ms, has_na,
               has_anchor, anchor_ms, has_before, before_completed_ms, entered_ok, closed_by_due, applies, due_ms, sop
        FROM {db:Identifier}.measure_view_v1
        WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
          {{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
          {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
          {{cohortExtra}}
    )
    {{exploitationJoin}}
)
