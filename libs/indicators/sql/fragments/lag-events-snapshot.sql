-- The events effective at the newest snapshot's watermark (event_lag_snapshots_v1, see
-- migrations/clickhouse/0005), less those removed since (retracted, or their case's case.opened
-- retracted, by asOf), that occurred in [from, to), with the request's grouping dimensions.
(
    SELECT lag_ms{{eventDims}}
    FROM {db:Identifier}.event_lag_snapshots_v1
    {{eventExploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      AND position NOT IN (
          SELECT event_position FROM {db:Identifier}.removed_events_v1
          WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')})
      {{> event-filter}}
)
