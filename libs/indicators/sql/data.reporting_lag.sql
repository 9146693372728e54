-- data.reporting_lag: recordedAt − occurredAt, in days, over effective events of live cases (any
-- type but event.retracted) that occurred in [from, to).
WITH
{{> retracted}},
{{> live-cases}},
lagged AS (
    SELECT {{eventDims:e}}
           (toUnixTimestamp64Milli(e.recorded_at) - toUnixTimestamp64Milli(e.occurred_at)) / 86400000 AS lag_days
    FROM {db:Identifier}.events_v1 AS e
    INNER JOIN cases AS c ON c.case_id = e.case_id
    WHERE e.recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND e.type != 'event.retracted'
      AND e.event_id NOT IN (SELECT event_id FROM retracted)
      AND e.occurred_at >= {from:DateTime64(3, 'UTC')} AND e.occurred_at < {to:DateTime64(3, 'UTC')}
      AND (empty({countries:Array(String)}) OR has({countries:Array(String)}, e.country))
)
SELECT {{dims}} count() AS n,
       quantileExactInclusive(0.5)(lag_days) AS median,
       quantileExactInclusive(0.9)(lag_days) AS p90
FROM lagged
GROUP BY ALL
