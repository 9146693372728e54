-- Removes them before the batch is projected again (exactly-once effect).
DELETE FROM {db:Identifier}.{table:Identifier} WHERE position > {cp:UInt64}
