-- Drops an unfinished or retired snapshot's partition (its id; a query parameter in a partition
-- expression needs ClickHouse 23.5 or later: ClickHouse PR #49516).
ALTER TABLE {db:Identifier}.{snapshots:Identifier} DROP PARTITION {partition:UInt64}
