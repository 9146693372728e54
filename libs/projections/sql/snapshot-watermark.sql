-- A snapshot's id: the knowledge time (ms) of the last event up to its store position. A catalogue
-- publication writes no event row, only the case versions it changes (stamped with its knowledge
-- time), so those count too: a snapshot holding them must not be read as of an earlier time.
SELECT greatest(
    (SELECT toUnixTimestamp64Milli(max(recorded_at)) FROM {db:Identifier}.events_v1 WHERE position <= {position:UInt64}),
    (SELECT toUnixTimestamp64Milli(max(recorded_at)) FROM {db:Identifier}.case_view_v1 WHERE position <= {position:UInt64})
) AS w
