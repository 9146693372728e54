-- The reason of closure(c) on the case view (INDICATORS.md "Outcomes and attrition").
--
-- case.closure_reason counts closed cases by the reason of closure(c): the effective case.closed
-- with the earliest occurredAt, then recordedAt, then eventId. The projector's fold already picks
-- that closure for closed_ms; with its reason beside it, the indicator is a signed sum over the
-- view like case.closure, instead of a grouping of closures_v1 by case joined to the view.
--
-- Which closure governs a version depends on every closure known when it was written, which the
-- warehouse cannot recompute from its rows alone, so, as migrations 0002, 0004 and 0009 did, this
-- empties every read model, the snapshots and the projector's checkpoint: the projector replays
-- the store and writes the reasons.

ALTER TABLE {db:Identifier}.case_view_v1 ADD COLUMN IF NOT EXISTS closure_reason LowCardinality(String);
ALTER TABLE {db:Identifier}.case_view_snapshots_v1 ADD COLUMN IF NOT EXISTS closure_reason LowCardinality(String);

TRUNCATE TABLE IF EXISTS {db:Identifier}.events_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.cases_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_records_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.referrals_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.closures_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.retractions_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.case_view_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_view_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.deadline_view_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.removed_events_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.case_view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.deadline_view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.event_lag_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.projector_checkpoints_v1;
-- A rebuild projects every event again, under this version's rules: what an older version
-- quarantined is tried again.
TRUNCATE TABLE IF EXISTS {db:Identifier}.projector_quarantine_v1;
