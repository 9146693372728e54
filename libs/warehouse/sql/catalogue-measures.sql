-- The measures of a catalogue version already loaded (all of them, or it is loaded again).
SELECT count() AS n FROM {db:Identifier}.catalogue_measures_v1 WHERE version = {v:String}
