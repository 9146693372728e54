-- case.stalled: open cohort cases (no effective case.closed) whose latest effective event other
-- than a retraction occurred before asOf − P60D, that is: with no such event at or after it. The
-- few cases with a recent event come from events_v1 as of asOf; the rest is a signed sum over the
-- case view (the test is per case, so both rows of a cancelled pair agree; no grouping by case).
WITH
{{> removed-events}},
recent AS (
    SELECT case_id
    FROM {db:Identifier}.events_v1
    WHERE occurred_at >= fromUnixTimestamp64Milli({asOfMs:Int64} - 60 * 86400000, 'UTC')
      AND recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
      {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
)
SELECT {{dims}} sum(cases) AS count{{#dc}}, bitAnd(sum(keys), 4294967295) AS count_key{{/dc}}
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} sum(sign) AS cases{{#dc}}, sum(sign * rk) AS keys{{/dc}}
    FROM {{> view-source}}
    WHERE NOT has_closure AND case_id NOT IN (SELECT case_id FROM recent)
    GROUP BY ALL
    {{/case_view}}
)
GROUP BY ALL
-- The IN sets filter rows; built before planning to prune the tables' primary-key ranges, they cost
-- more than they save (neither table is sorted by the set's column): measured at 500k cases.
SETTINGS use_index_for_in_with_subqueries = 0
