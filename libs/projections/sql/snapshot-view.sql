-- A snapshot of a signed view at store position {position}: the live row of each case (pair, by
-- `identity`) at the position — the previous snapshot's, unless a -1 since ended it; else its +1 row
-- at the last position since that touched it, if any (a change writes the old version's -1 and the
-- new one's +1 at one position). The same two halves as the indicators' live rows
-- (libs/indicators/sql/fragments/live-snapshot.sql, live-versions.sql), between two positions
-- instead of up to a knowledge time. No grouping by every column (measured at 500k cases: builds
-- took 21 s, now 12 s). `columns`: the view's (view-columns.sql), each checked to be a plain name.
INSERT INTO {db:Identifier}.{snapshots:Identifier} (snapshot, sign, position, recorded_at, {{columns}})
SELECT {snapshot:UInt64}, 1, {position:UInt64}, {watermark:DateTime64(3, 'UTC')}, {{columns}}
FROM (
    SELECT {{columns}} FROM {db:Identifier}.{snapshots:Identifier}
    WHERE snapshot = {prev:UInt64}
      AND {{identity}} NOT IN (
          SELECT {{identity}} FROM {db:Identifier}.{view:Identifier}
          WHERE {{> since-previous}}
            AND sign < 0)
    UNION ALL
    SELECT {{columns}} FROM {db:Identifier}.{view:Identifier}
    WHERE {{> since-previous}}
      AND sign > 0
      AND ({{identity}}, position) IN (
          SELECT {{identity}}, max(position) FROM {db:Identifier}.{view:Identifier}
          WHERE {{> since-previous}}
          GROUP BY {{identity}})
)
SETTINGS {{> one-part}}
