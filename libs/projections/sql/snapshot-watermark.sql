-- A snapshot's id: the knowledge time (ms) of the last event up to its store position.
SELECT toUnixTimestamp64Milli(max(recorded_at)) AS w FROM {db:Identifier}.events_v1 WHERE position <= {position:UInt64}
