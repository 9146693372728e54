-- Snapshots hold the views' rows up to a store position, not up to a knowledge time.
--
-- A snapshot used to hold the rows recorded by its watermark, one millisecond before the last
-- projected event's knowledge time (events recorded in that millisecond could still follow), so the
-- last submission was always among the rows a figure as of now had to add to it. A snapshot now
-- holds every row up to the projector's checkpoint P, and its id is the knowledge time W of the
-- event at P; a figure as of T ≥ W adds the rows after P recorded by T (rows after P recorded in W
-- itself included). Right after a build there are none to add.
--
-- The existing snapshots were built the old way, and the queries now read them the new way, so they
-- are unlisted here: the projector drops them at start and builds a new one once it has caught up.

TRUNCATE TABLE IF EXISTS {db:Identifier}.view_snapshots_v1;
