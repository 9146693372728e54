-- The columns of event_lag_snapshots_v1 after (snapshot, position) (migrations 0005, 0009).
country, occurred_at, lag_ms, case_country, case_sex, case_citizenship, case_country_role, case_exploitation, case_is_child, rk, case_id
