-- The newest listed view snapshot at or before asOf (its id, ms), the store position it holds the
-- views up to, and the projector's checkpoint (how far the views are past it).
SELECT max(snapshot) AS s, argMax(position, snapshot) AS p,
       (SELECT max(position) FROM {db:Identifier}.projector_checkpoints_v1) AS cp
FROM {db:Identifier}.view_snapshots_v1 WHERE snapshot <= {at:UInt64}
