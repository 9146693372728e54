-- The rows a snapshot table holds for one snapshot.
SELECT count() AS n FROM {db:Identifier}.{snapshots:Identifier} WHERE snapshot = {snapshot:UInt64}
