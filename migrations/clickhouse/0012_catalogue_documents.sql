-- The catalogue document governing each case (CATALOGUE.md "Versions and national profiles").
--
-- Published documents (further baselines, national profiles) decide per case which measures apply,
-- whether they are adopted and which deadlines hold. The projector folds each case under the
-- document governing it as of each knowledge time and writes that document's id on the case's rows
-- (and on its hub pairs, which measure.sequence joins to the measures depending on them);
-- catalogue_measures_v1 holds every published document, resolved, with `adopted`.
--
-- Until this version every case was governed by trm-baseline-1 and no other document could be
-- published, so the defaults below are the values the fold now writes for every row already
-- written (a pair carries the id only when its measure is a hub of trm-baseline-1: an anchor of a
-- deadline or a `before` target): no rebuild.

ALTER TABLE {db:Identifier}.catalogue_measures_v1 ADD COLUMN IF NOT EXISTS adopted Bool DEFAULT true;

ALTER TABLE {db:Identifier}.case_view_v1 ADD COLUMN IF NOT EXISTS catalogue LowCardinality(String) DEFAULT 'trm-baseline-1';
ALTER TABLE {db:Identifier}.case_view_snapshots_v1 ADD COLUMN IF NOT EXISTS catalogue LowCardinality(String) DEFAULT 'trm-baseline-1';
ALTER TABLE {db:Identifier}.measure_view_v1 ADD COLUMN IF NOT EXISTS catalogue LowCardinality(String) DEFAULT if(measure IN ('SOP1.M1', 'SOP1.M3', 'SOP1.M4', 'SOP2.M8', 'SOP4.M5'), 'trm-baseline-1', '');
ALTER TABLE {db:Identifier}.measure_view_snapshots_v1 ADD COLUMN IF NOT EXISTS catalogue LowCardinality(String) DEFAULT if(measure IN ('SOP1.M1', 'SOP1.M3', 'SOP1.M4', 'SOP2.M8', 'SOP4.M5'), 'trm-baseline-1', '');
