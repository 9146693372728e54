-- The events effective at the newest snapshot at or before asOf (event_lag_snapshots_v1, see
-- migrations/clickhouse/0005), less those removed since (by events after the snapshot's position
-- recorded by asOf: retracted, or their case's case.opened retracted), that occurred in [from, to),
-- with the request's grouping dimensions.
(
    SELECT lag_ms, rk, case_id{{eventDims}}
    FROM {db:Identifier}.event_lag_snapshots_v1
    {{eventExploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{#removedSince}}
      AND position NOT IN (
          SELECT event_position FROM {db:Identifier}.removed_events_v1
          WHERE {{> since-snapshot}}
      )
      {{/removedSince}}
      {{> event-filter}}
)
