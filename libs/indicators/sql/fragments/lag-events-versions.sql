-- The events after the snapshot's position (0 without one) recorded by asOf, effective at
-- asOf (not a retraction, not removed by asOf), that occurred in [from, to).
(
    SELECT toUnixTimestamp64Milli(recorded_at) - toUnixTimestamp64Milli(occurred_at) AS lag_ms, rk, case_id{{eventDims}}
    FROM {db:Identifier}.events_v1
    {{eventExploitationJoin}}
    WHERE {{> since-snapshot}}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
      {{> event-filter}}
)
