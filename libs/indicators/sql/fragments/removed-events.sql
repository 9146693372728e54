-- Events that no longer count as of asOf, by store position: retracted events, and every event of
-- a case whose case.opened was retracted (removed_events_v1, written by the case fold).
removed AS (
    SELECT event_position
    FROM {db:Identifier}.removed_events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
