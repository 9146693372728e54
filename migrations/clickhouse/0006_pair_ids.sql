-- An identity for each (case, measure) pair, so measure.days_to can take plain quantiles.
--
-- measure.days_to used to take its median and p90 over signed rows: the snapshot's versions plus
-- the versions recorded since, where a -1 cancels an equal +1. That needs every value materialised
-- and ranked per query (~200–250 ms at 500k cases). With an identity per pair, the live versions
-- as of T are a plain set of rows — the snapshot's rows of the pairs with no -1 recorded since,
-- plus each changed pair's version at its last position recorded since (if that is a +1) — and
-- ClickHouse's own quantilesExactInclusive takes them in table order.
--
-- pair_id is the 128-bit SipHash of (case_id, measure), computed by the warehouse from the row.
-- A collision would need two of a few million pairs to share 128 bits (~1e-25): the same kind of
-- assurance the 130-bit pseudonymous case ids already rest on. Existing rows get the column filled
-- here; the projector and the snapshot builds never write it.

ALTER TABLE {db:Identifier}.measure_view_v1
    ADD COLUMN IF NOT EXISTS pair_id UInt128 MATERIALIZED reinterpretAsUInt128(sipHash128(case_id, measure));

ALTER TABLE {db:Identifier}.measure_view_v1 MATERIALIZE COLUMN pair_id SETTINGS mutations_sync = 2;

ALTER TABLE {db:Identifier}.measure_view_snapshots_v1
    ADD COLUMN IF NOT EXISTS pair_id UInt128 MATERIALIZED reinterpretAsUInt128(sipHash128(case_id, measure));

ALTER TABLE {db:Identifier}.measure_view_snapshots_v1 MATERIALIZE COLUMN pair_id SETTINGS mutations_sync = 2;
