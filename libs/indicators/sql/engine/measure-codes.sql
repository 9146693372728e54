-- Every measure code of the published catalogue documents (a measure filter may name any of them).
SELECT DISTINCT code FROM {db:Identifier}.catalogue_measures_v1
