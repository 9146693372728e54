-- Read models of the event store, one row per stored event, keyed by the store's global position.
-- Every table carries `position` so the projector can remove the rows of a batch it did not
-- checkpoint (exactly-once effect after a crash) and a replay can be compared row for row.
-- Retraction is never applied by mutating rows: queries exclude retracted events as of a
-- knowledge time through retractions_v1, which keeps every past figure reproducible.

CREATE TABLE IF NOT EXISTS {db:Identifier}.events_v1
(
    position      UInt64,
    event_id      String,
    case_id       String,
    country       LowCardinality(String),
    type          LowCardinality(String),
    occurred_at   DateTime64(3, 'UTC'),
    recorded_at   DateTime64(3, 'UTC'),
    submission_id String,
    key_id        LowCardinality(String),
    channel       LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (country, case_id, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.cases_v1
(
    position       UInt64,
    event_id       String,
    case_id        String,
    country        LowCardinality(String),
    opened_at      DateTime64(3, 'UTC'),
    recorded_at    DateTime64(3, 'UTC'),
    age_band       LowCardinality(String),
    sex            LowCardinality(String),
    citizenship    LowCardinality(String),
    exploitation   Array(LowCardinality(String)),
    country_role   LowCardinality(String),
    presumed_minor Bool,
    is_child       Bool,
    is_foreign     Bool,
    is_origin      Bool
)
ENGINE = MergeTree
ORDER BY (country, case_id);

CREATE TABLE IF NOT EXISTS {db:Identifier}.measure_records_v1
(
    position          UInt64,
    event_id          String,
    case_id           String,
    country           LowCardinality(String),
    measure           LowCardinality(String),
    sop               UInt8,
    status            LowCardinality(String),
    actor             LowCardinality(String),
    catalogue_version LowCardinality(String),
    occurred_at       DateTime64(3, 'UTC'),
    recorded_at       DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (country, case_id, measure, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.referrals_v1
(
    position      UInt64,
    event_id      String,
    case_id       String,
    country       LowCardinality(String),
    kind          LowCardinality(String), -- sent | received | feedback
    referral_id   String,
    counterpart   LowCardinality(String), -- sent: toCountry; received: fromCountry; feedback: toCountry
    purpose       LowCardinality(String),
    outcome       LowCardinality(String),
    occurred_at   DateTime64(3, 'UTC'),
    recorded_at   DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (referral_id, kind, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.closures_v1
(
    position     UInt64,
    event_id     String,
    case_id      String,
    country      LowCardinality(String),
    reason       LowCardinality(String),
    occurred_at  DateTime64(3, 'UTC'),
    recorded_at  DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (country, case_id, position);

CREATE TABLE IF NOT EXISTS {db:Identifier}.retractions_v1
(
    position          UInt64,
    event_id          String,
    case_id           String,
    country           LowCardinality(String),
    retracts_event_id String,
    reason            LowCardinality(String),
    occurred_at       DateTime64(3, 'UTC'),
    recorded_at       DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (retracts_event_id, position);

-- The projector's checkpoint: the last position whose rows are complete in every table above.
CREATE TABLE IF NOT EXISTS {db:Identifier}.projector_checkpoints_v1
(
    projector    LowCardinality(String),
    position     UInt64,
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (projector, position);

-- The SOP catalogue versions the indicators are computed against (data, not code: loaded from
-- libs/domain's catalogue files at start).
CREATE TABLE IF NOT EXISTS {db:Identifier}.catalogue_measures_v1
(
    version          LowCardinality(String),
    code             LowCardinality(String),
    sop              UInt8,
    title            String,
    child_specific   Bool,
    needs_child      Bool,
    needs_adult      Bool,
    needs_foreign    Bool,
    needs_origin     Bool,
    needs_entered    UInt8,   -- SOP number of an `entered:SOP<n>` term, 0 if none
    deadline_anchor  LowCardinality(String), -- 'case.opened', a measure code, or '' (no deadline)
    deadline_ms      Int64,
    before_measure   LowCardinality(String)
)
ENGINE = ReplacingMergeTree
ORDER BY (version, code);
