-- sop.reach: of the cohort, the cases that entered SOP s (a record of one of its measures with a
-- status other than not_applicable), per SOP.
WITH
{{> case-view}}
SELECT {{dims}} s AS sop,
       sum(sign) AS denominator,
       sumIf(sign, bitTest(entered_mask, s)) AS numerator
FROM cohort
ARRAY JOIN arrayFilter(x -> empty({sops:Array(UInt8)}) OR has({sops:Array(UInt8)}, x), [1, 2, 3, 4, 5]) AS s
GROUP BY ALL
