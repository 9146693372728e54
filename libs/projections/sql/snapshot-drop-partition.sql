-- Drops an unfinished or retired snapshot's partition. `partition`: its id, a safe integer read
-- from the table itself (a partition expression takes no query parameter).
ALTER TABLE {db:Identifier}.{snapshots:Identifier} DROP PARTITION {{partition}}
