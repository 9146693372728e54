-- case.closure_reason: of the closed cohort cases, those whose closure(c) — the effective
-- case.closed with the earliest occurredAt, then recordedAt, then eventId — has reason r, per reason
-- of the vocabulary (a row for every reason, 0 included, wherever the denominator is not 0). The
-- reason is not on the case view, so the first closure is taken from closures_v1 as of asOf.
WITH
{{> removed-events}},
{{> live-cases}},
first_closure AS (
    SELECT case_id, argMin(reason, (occurred_at, recorded_at, event_id)) AS first_reason
    FROM {db:Identifier}.closures_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
      {{#countries}}AND has({countries:Array(String)}, country){{/countries}}
    GROUP BY case_id
)
SELECT {{dims}} closureReason, count() AS denominator, countIf(first_reason = closureReason) AS numerator
       {{#dc}}, bitAnd(sum(toInt64(rk)), 4294967295) AS denominator_key,
       bitAnd(sumIf(toInt64(rk), first_reason = closureReason), 4294967295) AS numerator_key{{/dc}}
FROM live_cases AS c
INNER JOIN first_closure AS f ON f.case_id = c.case_id
ARRAY JOIN {closureReasons:Array(String)} AS closureReason
WHERE has_closure
GROUP BY ALL
