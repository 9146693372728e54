-- The pair rows of the measures asked for (measure and sop filters), after a first condition.
{{#measures}}AND has({measures:Array(String)}, measure){{/measures}}
{{#sops}}AND has({sops:Array(UInt8)}, sop){{/sops}}
