-- The cohort's pair versions recorded after the snapshot (its watermark; 0 without one) and by
-- asOf, signed like the case versions.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.measure_view_v1
    {{exploitationJoin}}
    WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      {{> cohort-filter}}
)
