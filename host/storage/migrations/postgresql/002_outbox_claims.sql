-- A relay claims the rows it is about to send until claimed_until, so that another relay of
-- the same database (another instance of the plugin) skips them; a relay that dies lets its
-- claims lapse.
ALTER TABLE catalog_outbox ADD COLUMN claimed_until TIMESTAMPTZ;

-- Wakes the relays listening on this database when a transaction that wrote events commits
-- (SRS §4.1.4); once per statement, as a relay reads everything due anyway.
CREATE FUNCTION catalog_outbox_notify() RETURNS TRIGGER AS $$
BEGIN
  PERFORM pg_notify('catalog_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_outbox_notify AFTER INSERT ON catalog_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_outbox_notify();
