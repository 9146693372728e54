-- Unlists retired snapshots; their partitions are dropped by the next build (a query that picked
-- one a moment ago still reads it).
DELETE FROM {db:Identifier}.view_snapshots_v1 WHERE has({retired:Array(UInt64)}, snapshot)
