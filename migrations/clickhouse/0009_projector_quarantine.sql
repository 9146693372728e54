-- Events the projector could not turn into rows (a time the warehouse cannot hold, a row the
-- warehouse refuses). A failing event no longer stops the projector: after a retry it is isolated,
-- listed here by its store position, left out of every read model (as if never stored, also when
-- its case is refolded), and the projector goes on. Auditors read the list; the replay comparison
-- names the figures each quarantined event would have touched. Only ids, the event's type and
-- country, and an error code are kept: never the event's content or the warehouse's message.

CREATE TABLE IF NOT EXISTS {db:Identifier}.projector_quarantine_v1
(
    projector      LowCardinality(String),
    position       UInt64,
    event_id       String,
    case_id        String,
    country        LowCardinality(String),
    type           LowCardinality(String),
    reason         LowCardinality(String),
    quarantined_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (projector, position);
