-- applies(c, m) from a case's facts (a case row, or a hub measure's pair row).
(NOT needs_child OR is_child) AND (NOT needs_adult OR NOT is_child)
AND (NOT needs_foreign OR is_foreign) AND (NOT needs_origin OR is_origin)
AND (needs_entered = 0 OR bitTest(entered_mask, needs_entered))
