CREATE TABLE characteristics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  unit_of_measure TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Names are unique regardless of case: "Speed" and "speed" would confuse every user.
CREATE UNIQUE INDEX characteristics_name ON characteristics (lower(name));
