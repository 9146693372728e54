-- Rows of a read-model table from a batch that never reached its checkpoint (written, then a crash).
SELECT count() AS n FROM {db:Identifier}.{table:Identifier} WHERE position > {cp:UInt64}
