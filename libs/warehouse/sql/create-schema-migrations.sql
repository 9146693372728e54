-- The migrations applied to a database, by file name.
CREATE TABLE IF NOT EXISTS {db:Identifier}.schema_migrations
  (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY name
