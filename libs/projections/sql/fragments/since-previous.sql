-- The rows written after the previous snapshot's position and up to the new one's.
position > {prevPosition:UInt64} AND position <= {position:UInt64}
