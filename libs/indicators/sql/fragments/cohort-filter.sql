-- The cohort's bounds and countries, on rows carrying the case's opened_at and country; with
-- `openedBeforeAsOf` (the indicator's definition) only cases opened before asOf, with `sopEntered`
-- a sop filter keeps the cases that entered a listed SOP (bit s of the version's mask).
{{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
{{#countries}}AND has({countries:Array(String)}, country){{/countries}}
{{#openedBeforeAsOf}}AND opened_at < {asOf:DateTime64(3, 'UTC')}{{/openedBeforeAsOf}}
{{#sopEntered}}{{#sops}}AND arrayExists(s -> bitTest(entered_mask, s), {sops:Array(UInt8)}){{/sops}}{{/sopEntered}}
