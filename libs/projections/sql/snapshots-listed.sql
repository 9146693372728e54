-- The complete view snapshots (a snapshot is listed once every table holds it), oldest first.
SELECT snapshot, position, case_rows, pair_rows, deadline_rows, event_rows, built_ms FROM {db:Identifier}.view_snapshots_v1 ORDER BY snapshot
