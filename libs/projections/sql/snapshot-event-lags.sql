-- The events effective at the snapshot's position, with their reporting lags: the previous
-- snapshot's less those removed since, and the events since that are not a retraction and not
-- removed by then. rk and case_id: the event's record key and its case, for disclosure control
-- (migration 0009).
INSERT INTO {db:Identifier}.{t:Identifier} (snapshot, position, {{> event-lag-columns}})
SELECT {snapshot:UInt64}, position, {{> event-lag-columns}}
FROM (
    SELECT position, {{> event-lag-columns}} FROM {db:Identifier}.{t:Identifier}
    WHERE snapshot = {prev:UInt64}
      AND position NOT IN (
          SELECT event_position FROM {db:Identifier}.removed_events_v1
          WHERE {{> since-previous}})
    UNION ALL
    SELECT position, country, occurred_at, toUnixTimestamp64Milli(recorded_at) - toUnixTimestamp64Milli(occurred_at) AS lag_ms,
           case_country, case_sex, case_citizenship, case_country_role, case_exploitation, case_is_child, rk, case_id
    FROM {db:Identifier}.events_v1
    WHERE {{> since-previous}} AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM {db:Identifier}.removed_events_v1 WHERE position <= {position:UInt64})
)
SETTINGS optimize_move_to_prewhere = 0, {{> one-part}}
