-- Events that occurred in [from, to), recorded by the filtered countries.
{{#from}}AND occurred_at >= {from:DateTime64(3, 'UTC')}{{/from}} {{#to}}AND occurred_at < {to:DateTime64(3, 'UTC')}{{/to}}
{{#countries}}AND has({countries:Array(String)}, country){{/countries}}
