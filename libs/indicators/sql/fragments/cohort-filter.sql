-- The cohort's bounds and countries, on rows carrying the case's opened_at and country.
{{#from}}AND opened_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND opened_at < {to:DateTime64(3, 'UTC')}{{/to}}
{{#countries}}AND has({countries:Array(String)}, country){{/countries}}
{{cohortExtra}}
