-- The measures of every published catalogue document (a national profile resolved onto its base),
-- after the measure and sop filters, with the facts their applicability, deadline and sequencing
-- rules need; a measure a profile has not adopted applies to no case (INDICATORS.md applies(c,m)).
-- Case rows carry the id of the document governing them (`catalogue`), which joins them to these.
cat AS (
    SELECT version AS catalogue, code AS measure, sop AS measure_sop, needs_child, needs_adult, needs_foreign, needs_origin, needs_entered,
           deadline_anchor, deadline_ms, before_measure
    FROM {db:Identifier}.catalogue_measures_v1 FINAL
    WHERE adopted
      {{#measures}}AND has({measures:Array(String)}, code){{/measures}}
      {{#sops}}AND has({sops:Array(UInt8)}, sop){{/sops}}
)
