-- case.stalled: open cohort cases (no effective case.closed) whose latest effective event other
-- than a retraction occurred before asOf − P60D. The latest event is not on the case view, so it is
-- taken from events_v1 as of asOf.
WITH
{{> removed-events}},
{{> live-cases}},
latest AS (
    SELECT case_id, max(toUnixTimestamp64Milli(occurred_at)) AS last_ms
    FROM {db:Identifier}.events_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND type != 'event.retracted'
      AND position NOT IN (SELECT event_position FROM removed)
      {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
    GROUP BY case_id
)
SELECT {{dims}} count() AS count{{#dc}}, bitAnd(sum(toInt64(rk)), 4294967295) AS count_key{{/dc}}
FROM live_cases AS c
INNER JOIN latest AS l ON l.case_id = c.case_id
WHERE NOT has_closure AND last_ms < {asOfMs:Int64} - 60 * 86400000
GROUP BY ALL
