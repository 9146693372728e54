-- The cohort's live rows of a signed view with a row identity (measure_view_v1: pair_id, migration
-- 0006) that come from its newest snapshot at or before asOf: the snapshot's rows of the pairs with
-- no -1 after its position recorded by asOf (a -1 there ends the version the snapshot holds), with
-- the request's grouping dimensions. Every row counts once: no sign to sum.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_snapshots_v1
    {{exploitationJoin}}
    WHERE snapshot = {snapshot:UInt64}
      {{#sinceSnapshot}}
      AND pair_id NOT IN (
          SELECT pair_id FROM {db:Identifier}.{{view}}_v1
          WHERE {{> since-snapshot}}
            AND sign < 0)
      {{/sinceSnapshot}}
      {{> cohort-filter}}
)
