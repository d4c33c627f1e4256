-- A relay claims the rows it is about to send until claimed_until, so that another relay of
-- the same database skips them; a relay that dies lets its claims lapse.
ALTER TABLE catalog_outbox ADD COLUMN claimed_until TEXT;
