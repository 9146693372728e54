-- One source of a signed view's rows, for one item of a view's list (`{{#case_view}}`,
-- `{{#measure_view}}`, `{{#deadline_view}}`: the view's snapshot, then its versions since, as the
-- request's snapshot choice has them): the snapshot's rows, or the versions written after it.
{{#snapshot}}{{> view-snapshot}}{{/snapshot}}{{^snapshot}}{{> view-versions}}{{/snapshot}}
