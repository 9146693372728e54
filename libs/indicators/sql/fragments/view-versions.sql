-- The cohort's rows of a signed view recorded after the snapshot (its watermark; 0 without one)
-- and by asOf: a change is the old row with sign -1 and the new one with sign +1, so Σ sign over
-- both sources is 1 for a case (pair) live at asOf and 0 otherwise.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_v1
    {{exploitationJoin}}
    WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      {{> cohort-filter}}
)
