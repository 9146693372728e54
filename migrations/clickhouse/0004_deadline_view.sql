-- The pairs that can be overdue, for measure.overdue and GET /v1/gaps.
--
-- An overdue measure typically has no record at all, so measure_view_v1 (pairs with records) cannot
-- count it directly: measure.overdue used to count the pairs due from what deadlines run from (each
-- case, each done hub measure) and subtract the pairs done or opted out — three scans and a join,
-- about 450 ms at 500k cases — and GET /v1/gaps?detail=cases examined every (case, measure) pair
-- from the per-event read models (about 25 s).
--
-- deadline_view_v1 holds, per case and measure m with a deadline, whether or not m has a record,
-- the pair's facts when it can be overdue at all: m applies, is not opted out, its anchor time is
-- defined and the case did not close by its due time. The rows are signed versions written by the
-- case fold like those of case_view_v1 and measure_view_v1 (a row goes, with sign -1, when the pair
-- stops qualifying), so as of any T the overdue pairs are the rows recorded by T with
-- due_ms < T and no done_ms <= T, summed by sign. Snapshots as for the other views.
--
-- The projection must be rebuilt from the event store to fill it, so this migration empties every
-- read model, the snapshots and the projector's checkpoint: the projector replays the store.

CREATE TABLE IF NOT EXISTS {db:Identifier}.deadline_view_v1
(
    sign         Int8,
    position     UInt64,
    recorded_at  DateTime64(3, 'UTC'),
    case_id      String,
    country      LowCardinality(String),
    opened_at    DateTime64(3, 'UTC'),
    sex          LowCardinality(String),
    citizenship  LowCardinality(String),
    country_role LowCardinality(String),
    exploitation Array(LowCardinality(String)),
    is_child     Bool,
    is_foreign   Bool,
    is_origin    Bool,
    measure      LowCardinality(String),
    sop          UInt8,
    due_ms       Int64,  -- due(c, m) = anchorTime(c) + within (catalogue trm-baseline-1)
    has_done     Bool,   -- done(c, m) defined
    done_ms      Int64
)
ENGINE = MergeTree
ORDER BY (measure, country, opened_at, case_id, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.deadline_view_snapshots_v1
ENGINE = MergeTree
PARTITION BY snapshot
ORDER BY (measure, country, opened_at, case_id)
EMPTY AS SELECT toUInt64(0) AS snapshot, * FROM {db:Identifier}.deadline_view_v1;

ALTER TABLE {db:Identifier}.view_snapshots_v1 ADD COLUMN IF NOT EXISTS deadline_rows UInt64 AFTER pair_rows;

TRUNCATE TABLE IF EXISTS {db:Identifier}.events_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.cases_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_records_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.referrals_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.closures_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.retractions_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.case_view_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_view_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.removed_events_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.case_view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.view_snapshots_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.projector_checkpoints_v1;
