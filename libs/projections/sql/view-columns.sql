-- The columns of a signed view that a snapshot copies (all but its sign, position, recorded_at and
-- the materialized ones), in table order.
SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}
  AND name NOT IN ('sign', 'position', 'recorded_at') AND default_kind != 'MATERIALIZED' ORDER BY position
