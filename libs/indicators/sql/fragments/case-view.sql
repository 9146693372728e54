-- The cohort as known at asOf: the signed versions (case_view_v1) of cases opened in [from, to),
-- with their grouping dimensions. Σ sign over a case's rows recorded by asOf is 1 while the case is
-- live and 0 otherwise, so every figure below is a sum of `sign`, never a grouping by case.
cohort AS (
    SELECT sign, toUnixTimestamp64Milli(opened_at) AS opened_ms, is_child, is_foreign, is_origin, entered_mask,
           measures_used, has_closure, closed_ms{{caseDims}}
    FROM {db:Identifier}.case_view_v1
    {{exploitationJoin}}
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND opened_at >= {from:DateTime64(3, 'UTC')} AND opened_at < {to:DateTime64(3, 'UTC')}
      AND (empty({countries:Array(String)}) OR has({countries:Array(String)}, country))
      {{cohortExtra}}
)
