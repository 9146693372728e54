-- (case, measure) pairs with at least one effective record, as known at asOf: signed versions
-- (measure_view_v1) of the pair's done / completed / opted-out facts, its anchor time and its
-- `before` measure's completion, with the case's facts and grouping dimensions.
pairs AS (
    SELECT sign, measure, is_child, is_foreign, is_origin, entered_mask, has_closure, closed_ms,
           has_done, done_ms, has_completed, completed_ms, has_na, has_anchor, anchor_ms, has_before, before_completed_ms{{caseDims}}
    FROM {db:Identifier}.measure_view_v1
    {{exploitationJoin}}
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND (empty({countries:Array(String)}) OR has({countries:Array(String)}, country))
      {{cohortExtra}}
)
