SELECT name FROM {db:Identifier}.schema_migrations
