-- events_v1 in occurredAt order, beside its (country, case_id, position) order.
--
-- case.stalled (INDICATORS.md "Outcomes and attrition") needs the cases with an effective event
-- that occurred at or after asOf − P60D. events_v1 is sorted by case, so that range was a scan of
-- every event; this projection keeps the few columns the test reads sorted by occurred_at, so the
-- range is read alone (ClickHouse picks the projection by itself; figures are unchanged). Inserts
-- write the projection's part beside each part of the table.
--
-- The projector's recovery deletes the rows past its checkpoint (DELETE FROM … WHERE position > cp);
-- a lightweight delete on a table with projections is refused unless the table says how to keep
-- them: 'rebuild' rebuilds the projection of the parts it touches.

ALTER TABLE {db:Identifier}.events_v1 MODIFY SETTING lightweight_mutation_projection_mode = 'rebuild';

ALTER TABLE {db:Identifier}.events_v1
    ADD PROJECTION IF NOT EXISTS by_occurred_at
    (SELECT occurred_at, recorded_at, type, position, country, case_id ORDER BY occurred_at);
ALTER TABLE {db:Identifier}.events_v1 MATERIALIZE PROJECTION by_occurred_at SETTINGS mutations_sync = 2;
