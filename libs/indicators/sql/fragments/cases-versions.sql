-- The cohort's case versions recorded after the snapshot (its watermark; 0 without one) and by
-- asOf: a change of a case is its old row with sign -1 and its new row with sign +1, so Σ sign
-- over both sources is 1 for a case live at asOf and 0 otherwise.
(
    SELECT *, toUnixTimestamp64Milli(opened_at) AS opened_ms{{caseDims}}
    FROM {db:Identifier}.case_view_v1
    {{exploitationJoin}}
    WHERE recorded_at > {snapshotAt:DateTime64(3, 'UTC')} AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      {{> cohort-filter}}
)
