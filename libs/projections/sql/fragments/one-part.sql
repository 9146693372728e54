-- One part per snapshot partition: the indicator SQL reads it in its sort order, as one stream.
max_insert_threads = 1, min_insert_block_size_rows = 1000000000000, min_insert_block_size_bytes = 1000000000000000
