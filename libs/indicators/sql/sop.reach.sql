-- sop.reach: of the cohort, the cases that entered SOP s (a record of one of its measures with a
-- status other than not_applicable), per SOP.
WITH
{{> retracted}},
{{> cohort}},
{{> case-measures}}
SELECT {{dims}} s AS sop,
       count() AS denominator,
       countIf(bitTest(entered_mask, s)) AS numerator
FROM facts
ARRAY JOIN arrayFilter(x -> empty({sops:Array(UInt8)}) OR has({sops:Array(UInt8)}, x), [1, 2, 3, 4, 5]) AS s
GROUP BY ALL
