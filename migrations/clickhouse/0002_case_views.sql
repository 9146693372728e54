-- Read models shaped for the indicators (libs/projections/src/case-view.projection.ts).
--
-- case_view_v1 and measure_view_v1 hold signed versions of each case's (and each (case, measure)
-- pair's) folded facts: when an event changes what a case looks like, the projector writes the
-- old version again with sign -1 and the new one with sign +1, stamped with the event's
-- recorded_at. Summing `sign` over the rows with recorded_at <= T therefore gives exactly the
-- cases (pairs) as they were known at T, for any T, without grouping by case: a figure as of a
-- past time stays reproducible and costs what a figure as of now costs. Rows are never updated.
--
-- Snapshots keep "as of now" cheap: case_view_snapshots_v1 / measure_view_snapshots_v1 hold, per
-- snapshot (a partition), the versions whose signs had not cancelled by its watermark, collapsed
-- to one row each. A figure as of T >= watermark reads the snapshot plus the versions recorded
-- after the watermark; before the oldest snapshot it reads the versions alone. view_snapshots_v1
-- lists the complete snapshots: a partition it does not list is unfinished and ignored.
--
-- events_v1 and referrals_v1 gain the attributes of their case, so event-based indicators need
-- no join with the cases; removed_events_v1 records when an event stopped counting (retracted,
-- or its case's case.opened retracted), by store position: a small set of integers to exclude.
--
-- The projection must be rebuilt from the event store for these to be filled, so this migration
-- empties every read model and the projector's checkpoint: the projector replays the store.

CREATE TABLE IF NOT EXISTS {db:Identifier}.case_view_v1
(
    sign           Int8,
    position       UInt64,
    recorded_at    DateTime64(3, 'UTC'),
    case_id        String,
    country        LowCardinality(String),
    opened_at      DateTime64(3, 'UTC'),
    sex            LowCardinality(String),
    citizenship    LowCardinality(String),
    country_role   LowCardinality(String),
    exploitation   Array(LowCardinality(String)),
    is_child       Bool,
    is_foreign     Bool,
    is_origin      Bool,
    entered_mask   UInt8,   -- bit s: entered(c, SOP s)
    measures_used  UInt16,  -- distinct measures with done(c, m) defined
    has_closure    Bool,
    closed_ms      Int64    -- earliest effective case.closed occurredAt (ms), 0 without one
)
ENGINE = MergeTree
ORDER BY (country, opened_at, case_id, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.measure_view_v1
(
    sign                Int8,
    position            UInt64,
    recorded_at         DateTime64(3, 'UTC'),
    case_id             String,
    country             LowCardinality(String),
    opened_at           DateTime64(3, 'UTC'),
    sex                 LowCardinality(String),
    citizenship         LowCardinality(String),
    country_role        LowCardinality(String),
    exploitation        Array(LowCardinality(String)),
    is_child            Bool,
    is_foreign          Bool,
    is_origin           Bool,
    entered_mask        UInt8,  -- hub measures (deadline anchors, `before` targets) only: the case's
    has_closure         Bool,   -- entered SOPs and earliest closure, which the rules of the measures
    closed_ms           Int64,  -- depending on them need; 0 for the others
    measure             LowCardinality(String),
    sop                 UInt8,
    has_done            Bool,   -- done(c, m) defined
    done_ms             Int64,
    has_completed       Bool,   -- completed(c, m) defined
    completed_ms        Int64,
    has_na              Bool,   -- some record has status not_applicable
    has_anchor          Bool,   -- anchorTime(c) of m's deadline defined (catalogue trm-baseline-1)
    anchor_ms           Int64,
    has_before          Bool,   -- completed(c, b) defined, b = m's `before` measure
    before_completed_ms Int64,
    entered_ok          Bool,   -- the `entered:SOP<n>` term of m's appliesTo holds (true without one)
    closed_by_due       Bool,   -- an effective case.closed at or before due(c, m)
    applies             Bool,   -- applies(c, m): every appliesTo term of m holds (catalogue trm-baseline-1)
    due_ms              Int64   -- due(c, m) = anchorTime(c) + within, 0 when undefined
)
ENGINE = MergeTree
ORDER BY (measure, country, opened_at, case_id, position);


CREATE TABLE IF NOT EXISTS {db:Identifier}.case_view_snapshots_v1
(
    snapshot            UInt64,
    sign           Int8,
    position       UInt64,
    recorded_at    DateTime64(3, 'UTC'),
    case_id        String,
    country        LowCardinality(String),
    opened_at      DateTime64(3, 'UTC'),
    sex            LowCardinality(String),
    citizenship    LowCardinality(String),
    country_role   LowCardinality(String),
    exploitation   Array(LowCardinality(String)),
    is_child       Bool,
    is_foreign     Bool,
    is_origin      Bool,
    entered_mask   UInt8,   -- bit s: entered(c, SOP s)
    measures_used  UInt16,  -- distinct measures with done(c, m) defined
    has_closure    Bool,
    closed_ms      Int64    -- earliest effective case.closed occurredAt (ms), 0 without one
)
ENGINE = MergeTree
PARTITION BY snapshot
ORDER BY (country, opened_at, case_id);

CREATE TABLE IF NOT EXISTS {db:Identifier}.measure_view_snapshots_v1
(
    snapshot            UInt64,
    sign                Int8,
    position            UInt64,
    recorded_at         DateTime64(3, 'UTC'),
    case_id             String,
    country             LowCardinality(String),
    opened_at           DateTime64(3, 'UTC'),
    sex                 LowCardinality(String),
    citizenship         LowCardinality(String),
    country_role        LowCardinality(String),
    exploitation        Array(LowCardinality(String)),
    is_child            Bool,
    is_foreign          Bool,
    is_origin           Bool,
    entered_mask        UInt8,  -- hub measures (deadline anchors, `before` targets) only: the case's
    has_closure         Bool,   -- entered SOPs and earliest closure, which the rules of the measures
    closed_ms           Int64,  -- depending on them need; 0 for the others
    measure             LowCardinality(String),
    sop                 UInt8,
    has_done            Bool,   -- done(c, m) defined
    done_ms             Int64,
    has_completed       Bool,   -- completed(c, m) defined
    completed_ms        Int64,
    has_na              Bool,   -- some record has status not_applicable
    has_anchor          Bool,   -- anchorTime(c) of m's deadline defined (catalogue trm-baseline-1)
    anchor_ms           Int64,
    has_before          Bool,   -- completed(c, b) defined, b = m's `before` measure
    before_completed_ms Int64,
    entered_ok          Bool,   -- the `entered:SOP<n>` term of m's appliesTo holds (true without one)
    closed_by_due       Bool,   -- an effective case.closed at or before due(c, m)
    applies             Bool,   -- applies(c, m): every appliesTo term of m holds (catalogue trm-baseline-1)
    due_ms              Int64   -- due(c, m) = anchorTime(c) + within, 0 when undefined
)
ENGINE = MergeTree
PARTITION BY snapshot
ORDER BY (measure, country, opened_at, case_id);

CREATE TABLE IF NOT EXISTS {db:Identifier}.view_snapshots_v1
(
    snapshot    UInt64,                -- the watermark in ms: partitions of the *_snapshots_v1 tables
    watermark   DateTime64(3, 'UTC'),  -- every version recorded at or before it is in the snapshot
    position    UInt64,                -- the projector's checkpoint when it was built
    case_rows   UInt64,
    pair_rows   UInt64,
    built_ms    UInt64,
    created_at  DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY snapshot;

CREATE TABLE IF NOT EXISTS {db:Identifier}.removed_events_v1
(
    position       UInt64,                -- the retraction that removed it
    recorded_at    DateTime64(3, 'UTC'),  -- from then on the event does not count
    event_position UInt64                 -- the removed event's position in the store
)
ENGINE = MergeTree
ORDER BY event_position;

ALTER TABLE {db:Identifier}.events_v1
    ADD COLUMN IF NOT EXISTS case_country LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_sex LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_citizenship LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_country_role LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_exploitation Array(LowCardinality(String)),
    ADD COLUMN IF NOT EXISTS case_is_child Bool;

ALTER TABLE {db:Identifier}.referrals_v1
    ADD COLUMN IF NOT EXISTS case_country LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_sex LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_citizenship LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_country_role LowCardinality(String),
    ADD COLUMN IF NOT EXISTS case_exploitation Array(LowCardinality(String)),
    ADD COLUMN IF NOT EXISTS case_is_child Bool;

TRUNCATE TABLE IF EXISTS {db:Identifier}.events_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.cases_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.measure_records_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.referrals_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.closures_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.retractions_v1;
TRUNCATE TABLE IF EXISTS {db:Identifier}.projector_checkpoints_v1;
