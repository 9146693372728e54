-- One source of the effective events with their reporting lags, for one item of `{{#lag_events}}`:
-- the snapshot's copy, or the events recorded after it.
{{#snapshot}}{{> lag-events-snapshot}}{{/snapshot}}{{^snapshot}}{{> lag-events-versions}}{{/snapshot}}
