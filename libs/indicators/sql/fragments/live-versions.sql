-- The cohort's live rows of a signed view with a row identity that came after the snapshot's
-- position (0 without one) and were recorded by asOf: per pair changed in that window, its +1 version at the last position
-- that touched it — a pair whose last change was a -1 alone is no longer live. (The projector
-- writes a change as the old version's -1 and the new version's +1 at the same position.)
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_v1
    {{exploitationJoin}}
    WHERE {{> since-snapshot}}
      AND sign > 0
      AND (pair_id, position) IN (
          SELECT pair_id, max(position) FROM {db:Identifier}.{{view}}_v1
          WHERE {{> since-snapshot}}
          GROUP BY pair_id)
      {{> cohort-filter}}
)
