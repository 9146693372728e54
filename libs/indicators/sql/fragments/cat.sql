-- The measures of the catalogue version asked for, after the measure and sop filters, with the
-- facts their applicability, deadline and sequencing rules need.
cat AS (
    SELECT code AS measure, sop AS measure_sop, needs_child, needs_adult, needs_foreign, needs_origin, needs_entered,
           deadline_anchor, deadline_ms, before_measure
    FROM {db:Identifier}.catalogue_measures_v1 FINAL
    WHERE version = {catalogue:String}
      {{#measures}}AND has({measures:Array(String)}, code){{/measures}}
      {{#sops}}AND has({sops:Array(UInt8)}, sop){{/sops}}
)
