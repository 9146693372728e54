-- Rows written after the snapshot's store position (0 without one) and recorded by asOf: with the
-- snapshot, exactly the rows recorded by asOf (recordedAt never decreases along positions).
position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
