-- data.reporting_lag: recordedAt − occurredAt, in days, over effective events of live cases (any
-- type but event.retracted) that occurred in [from, to). Events carry their case's attributes.
-- The events effective at the snapshot come from its copy (sorted by case country and lag), the
-- rest from events_v1; the quantile states of the two are merged.
WITH
{{> removed-events}}
SELECT {{dims}} sum(events) AS n,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[1] AS median,
       quantilesExactInclusiveMerge(0.5, 0.9)(lags)[2] AS p90
       {{#dc}}, bitAnd(sum(keys), 4294967295) AS n_key, {{unitsMerge}} AS n_units{{/dc}}
FROM (
    {{#lag_events}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT {{dims}} count() AS events, quantilesExactInclusiveState(0.5, 0.9)(lag_ms / 86400000) AS lags
           {{#dc}}, sum(toInt64(rk)) AS keys, {{unitsState}} AS units{{/dc}}
    FROM {{> lag-events-source}}
    GROUP BY ALL
    {{/lag_events}}
)
GROUP BY ALL
-- Measured on chDB 26.7 at 6.5M events: moving the filters to PREWHERE makes the position
-- NOT IN (...) test several times slower here (e.g. 430 → 160 ms for the referral indicators).
SETTINGS optimize_move_to_prewhere = 0, optimize_aggregation_in_order = 1
