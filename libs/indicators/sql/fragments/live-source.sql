-- One source of a signed view's live rows (one per pair, no signs), for one item of the view's
-- list: the snapshot's rows not ended since, or the last +1 of each pair changed since.
{{#snapshot}}{{> live-snapshot}}{{/snapshot}}{{^snapshot}}{{> live-versions}}{{/snapshot}}
