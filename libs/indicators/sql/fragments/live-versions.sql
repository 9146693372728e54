-- The cohort's live rows of a signed view with a row identity that came after the snapshot's
-- position (0 without one) and were recorded by asOf: per pair changed in that window, its +1 version at the last position
-- that touched it — a pair whose last change was a -1 alone is no longer live. (The projector
-- writes a change as the old version's -1 and the new version's +1 at the same position.)
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_v1
    {{exploitationJoin}}
    WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')} AND sign > 0
      AND (pair_id, position) IN (
          SELECT pair_id, max(position) FROM {db:Identifier}.{{view}}_v1
          WHERE position > {snapshotPosition:UInt64} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
          GROUP BY pair_id)
      {{> cohort-filter}}
)
