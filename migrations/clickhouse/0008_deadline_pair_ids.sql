-- The same pair identity for deadline_view_v1 as for measure_view_v1 (0006), so a snapshot build
-- takes each pair's row by its identity from the previous snapshot and the versions since, instead
-- of grouping ten million rows by every column (measured at 500k cases: ~7 s of a 21 s build).

ALTER TABLE {db:Identifier}.deadline_view_v1
    ADD COLUMN IF NOT EXISTS pair_id UInt128 MATERIALIZED reinterpretAsUInt128(sipHash128(case_id, measure));

ALTER TABLE {db:Identifier}.deadline_view_v1 MATERIALIZE COLUMN pair_id SETTINGS mutations_sync = 2;

ALTER TABLE {db:Identifier}.deadline_view_snapshots_v1
    ADD COLUMN IF NOT EXISTS pair_id UInt128 MATERIALIZED reinterpretAsUInt128(sipHash128(case_id, measure));

ALTER TABLE {db:Identifier}.deadline_view_snapshots_v1 MATERIALIZE COLUMN pair_id SETTINGS mutations_sync = 2;
