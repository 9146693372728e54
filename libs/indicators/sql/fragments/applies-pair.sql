-- applies(c, m) on a pair row of m itself: the row carries its `entered:SOP<n>` term's value.
(NOT needs_child OR is_child) AND (NOT needs_adult OR NOT is_child)
AND (NOT needs_foreign OR is_foreign) AND (NOT needs_origin OR is_origin)
AND entered_ok
