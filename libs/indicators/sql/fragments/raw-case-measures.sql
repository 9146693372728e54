-- From the per-event read models, case by case (for listings that name cases):
-- done / completed / not_applicable per (case, measure) over the case's effective records as of asOf.
cm AS (
    SELECT case_id, measure, any(sop) AS rec_sop,
           countIf(status != 'not_applicable') > 0                            AS has_done,
           minIf(toUnixTimestamp64Milli(occurred_at), status != 'not_applicable') AS done_ms,
           countIf(status = 'completed') > 0                                  AS has_completed,
           minIf(toUnixTimestamp64Milli(occurred_at), status = 'completed')   AS completed_ms,
           countIf(status = 'not_applicable') > 0                             AS has_na
    FROM {db:Identifier}.measure_records_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND event_id NOT IN (SELECT event_id FROM retracted)
      {{cohortRestriction}}
    GROUP BY case_id, measure
),
-- entered(c, s): bit s set when the case has an effective record of SOP s with a status other than
-- not_applicable (read from the records directly: one pass per case rather than per measure).
entered AS (
    SELECT case_id, groupBitOr(bitShiftLeft(toUInt8(1), sop)) AS entered_mask
    FROM {db:Identifier}.measure_records_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND status != 'not_applicable'
      AND event_id NOT IN (SELECT event_id FROM retracted)
      {{cohortRestriction}}
    GROUP BY case_id
),
facts AS (
    SELECT * FROM cohort LEFT JOIN entered USING (case_id)
),
{{> cat}}
