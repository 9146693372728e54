-- catalogueVersions of an answer (INDICATORS.md): the ids of the catalogue documents governing at
-- least one case of the answer's cohort as of asOf (cases opened in [from, to) of the countries
-- asked for), sorted. Under disclosure control, only documents governing at least k of them.
SELECT catalogue
FROM (
    {{#case_view}}
    {{#unionAll}}UNION ALL{{/unionAll}}
    SELECT catalogue, sum(sign) AS cases
    FROM {{> view-source}}
    GROUP BY catalogue
    {{/case_view}}
)
GROUP BY catalogue
HAVING sum(cases) >= {minCases:UInt32}
ORDER BY catalogue
