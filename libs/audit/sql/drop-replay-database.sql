-- A replay's database, once compared and not kept.
DROP DATABASE IF EXISTS {db:Identifier}
