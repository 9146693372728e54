-- Cases whose case.opened was retracted by asOf: none of their events counts any more.
removed AS (
    SELECT case_id
    FROM {db:Identifier}.case_removals_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
