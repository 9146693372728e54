-- The live cases a catalogue publication may govern (CATALOGUE.md "Versions and national profiles"):
-- opened from its effectiveFrom, of its country for a national profile (all countries for a
-- baseline). The projector folds again those whose governing document the publication changes.
SELECT case_id, country, toUnixTimestamp64Milli(opened_at) AS opened_ms
FROM {db:Identifier}.case_view_v1
WHERE opened_at >= {openedFrom:DateTime64(3, 'UTC')}
  {{#country}}AND country = {country:String}{{/country}}
GROUP BY case_id, country, opened_at
HAVING sum(sign) > 0
