-- The pair rows of the measures asked for (measure and sop filters).
(empty({measures:Array(String)}) OR has({measures:Array(String)}, measure))
AND (empty({sops:Array(UInt8)}) OR has({sops:Array(UInt8)}, sop))
