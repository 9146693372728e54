-- Snapshots of the effective events' reporting lags, for data.reporting_lag.
--
-- data.reporting_lag takes quantiles over every effective event (6.5M at 500k cases). Read from
-- events_v1, each event must first be tested against the removed events (removed_events_v1: the
-- retracted ones and all events of cases whose case.opened was retracted, 74k there), which cost
-- as much as the quantiles themselves. At each watermark W the projector's snapshot build now also
-- writes the events effective at W — the event's country, occurredAt, lag in ms and its case's
-- attributes, sorted by (case country, lag) — so a figure as of T ≥ W reads them, less the few
-- removed in (W, T], plus the events recorded in (W, T].
--
-- The existing snapshots have no such partition, so they are unlisted here: the projector drops
-- them at start and builds a new snapshot (all tables) once it has caught up.

CREATE TABLE IF NOT EXISTS {db:Identifier}.event_lag_snapshots_v1
(
    snapshot          UInt64,
    position          UInt64,
    country           LowCardinality(String),
    occurred_at       DateTime64(3, 'UTC'),
    lag_ms            Int64,  -- recordedAt − occurredAt
    case_country      LowCardinality(String),
    case_sex          LowCardinality(String),
    case_citizenship  LowCardinality(String),
    case_country_role LowCardinality(String),
    case_exploitation Array(LowCardinality(String)),
    case_is_child     Bool
)
ENGINE = MergeTree
PARTITION BY snapshot
ORDER BY (case_country, lag_ms, position);

ALTER TABLE {db:Identifier}.view_snapshots_v1 ADD COLUMN IF NOT EXISTS event_rows UInt64 AFTER deadline_rows;

TRUNCATE TABLE IF EXISTS {db:Identifier}.view_snapshots_v1;
