-- The events recorded after the snapshot's watermark (0 without one) and by asOf, effective at
-- asOf (not a retraction, not removed by asOf), that occurred in [from, to).
(
    SELECT toUnixTimestamp64Milli(recorded_at) - toUnixTimestamp64Milli(occurred_at) AS lag_ms{{eventDims}}
    FROM {db:Identifier}.events_v1
    {{eventExploitationJoin}}
    WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
      {{> event-filter}}
)
