-- Effective referral events of live cases, carrying their case's attributes; `sent` are the
-- referrals sent in [from, to) by the filtered countries; `replies` the earliest reply of
-- `replyKind` per (referral, replying country, country it names) and, for referral.feedback_outcome
-- only (`firstOutcome`), the outcome of the first one (earliest occurredAt, then recordedAt, then eventId).
-- `country` filters and groups the sender, `toCountries` the receiver; `eitherSide` (a rapporteur's
-- countries, naming neither) keeps the referrals with the sender or the receiver among them.
refs AS (
    SELECT *, toUnixTimestamp64Milli(occurred_at) AS at_ms
    FROM {db:Identifier}.referrals_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
      AND position NOT IN (SELECT event_position FROM removed)
),
sent AS (
    SELECT at_ms, referral_id, country, counterpart, rk{{eventDims}}
    FROM refs
    {{eventExploitationJoin}}
    WHERE kind = 'sent'
      {{> event-filter}}
      {{#toCountries}}AND has({toCountries:Array(String)}, counterpart){{/toCountries}}
      {{#eitherSide}}AND (has({eitherSide:Array(String)}, country) OR has({eitherSide:Array(String)}, counterpart)){{/eitherSide}}
),
replies AS (
    SELECT referral_id, country AS reply_country, counterpart AS reply_names, min(at_ms) AS first_ms, 1 AS has_reply
           {{#firstOutcome}}, argMin(outcome, (at_ms, recorded_at, event_id)) AS first_outcome{{/firstOutcome}}
    FROM refs
    WHERE kind = {replyKind:String}
    GROUP BY referral_id, country, counterpart
),
matched AS (
    -- A reply matches when it comes from the country referred to and names the sender.
    -- rk: the referral's record key (its referral.sent event's), for disclosure control.
    SELECT {{dims}} s.at_ms AS sent_ms, r.has_reply AS has_reply, r.first_ms AS first_ms,
           {{#firstOutcome}}r.first_outcome AS first_outcome, {{/firstOutcome}}s.rk AS rk
    FROM sent AS s
    LEFT JOIN replies AS r ON r.referral_id = s.referral_id AND r.reply_country = s.counterpart AND r.reply_names = s.country
)
