-- Swaps a rebuilt table in as the live one (the live one's rows go to the replay database).
EXCHANGE TABLES {a:Identifier}.{t:Identifier} AND {b:Identifier}.{t:Identifier}
