-- The store's copies of the entities other contexts own, as their latest event carried them
-- (SRS §4.3.3): an event whose version is not newer than the stored one changes nothing, and a
-- deletion leaves a tombstone so that a late older event can't bring the entity back.
CREATE TABLE source_entities (
  kind TEXT NOT NULL,  -- characteristic, specification, price, offering
  id TEXT NOT NULL,
  version BIGINT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  event_id TEXT NOT NULL,  -- the event that brought this version
  PRIMARY KEY (kind, id)
);
