-- A pair that can be overdue (applies, not opted out, anchored, not closed by its due time) is
-- overdue at asOf when its due time has passed and it was not done by asOf.
due_ms < {asOfMs:Int64} AND NOT (has_done AND done_ms <= {asOfMs:Int64}) {{> pair-filter}}
