-- The snapshots a snapshot table holds partitions of (listed or not).
SELECT DISTINCT snapshot AS p FROM {db:Identifier}.{snapshots:Identifier}
