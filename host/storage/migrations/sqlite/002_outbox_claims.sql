-- The same outbox as on PostgreSQL, where relays claim the rows they send; a SQLite file has
-- one process and one relay, which never claims, so claimed_until stays NULL here.
ALTER TABLE catalog_outbox ADD COLUMN claimed_until TEXT;
