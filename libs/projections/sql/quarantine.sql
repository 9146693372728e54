-- The events the projector set aside (a projection that failed on them), by position.
SELECT position, event_id, case_id, country, type, reason, quarantined_at FROM {db:Identifier}.projector_quarantine_v1
WHERE projector = {projector:String} ORDER BY position
