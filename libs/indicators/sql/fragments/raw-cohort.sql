-- The cohort: live cases (case.opened recorded by asOf and not retracted) opened in [from, to),
-- with their grouping dimensions. A multi-valued `exploitation` dimension gives one row per form.
cohort AS (
    SELECT case_id, country, toUnixTimestamp64Milli(opened_at) AS opened_ms, is_child, is_foreign, is_origin{{caseDims}}
    FROM {db:Identifier}.cases_v1
    {{exploitationJoin}}
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND event_id NOT IN (SELECT event_id FROM retracted)
      {{> cohort-filter}}
)
