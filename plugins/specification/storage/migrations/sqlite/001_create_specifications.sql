CREATE TABLE specifications (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Names are unique regardless of case, as characteristic names are.
CREATE UNIQUE INDEX specifications_name ON specifications (lower(name));

-- The characteristics a specification lists, in the order the client gave them.
CREATE TABLE specification_characteristics (
  specification_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  characteristic_id TEXT NOT NULL,
  PRIMARY KEY (specification_id, position)
);
-- CharacteristicDeleted finds the specifications it invalidates by this.
CREATE INDEX specification_characteristics_characteristic
  ON specification_characteristics (characteristic_id);

-- Why a specification is invalid: a characteristic it lists was deleted.
CREATE TABLE specification_problems (
  specification_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  characteristic_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (specification_id, position)
);

-- The local copy of characteristics (SRS §8.1), fed by resource.characteristics.events and by
-- lazy loads. A deleted characteristic stays as a tombstone (deleted_at set).
CREATE TABLE cached_characteristics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  unit_of_measure TEXT NOT NULL,
  entity_version BIGINT NOT NULL,
  deleted_at TEXT,
  cached_at TEXT NOT NULL
);
