-- Live cases as of asOf, any opening time, with their grouping dimensions (for event-based indicators).
cases AS (
    SELECT case_id{{caseDims}}
    FROM {db:Identifier}.cases_v1
    {{exploitationJoin}}
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND event_id NOT IN (SELECT event_id FROM retracted)
)
