-- Events removed after the snapshot's position and by asOf (retractions, and the events of a case
-- whose case.opened was retracted): without one, the snapshot's copy needs no test against them.
SELECT count() AS n FROM {db:Identifier}.removed_events_v1
WHERE position > {position:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
