-- The cohort's versions of pairs that can be overdue recorded after the snapshot (its watermark;
-- 0 without one) and by asOf, signed like the other views.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.deadline_view_v1
    {{exploitationJoin}}
    WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      {{> cohort-filter}}
)
