CREATE TABLE product_offerings (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  lifecycle_status TEXT NOT NULL,
  saga_id TEXT,
  failure_reason TEXT,
  published_at TEXT,
  retired_at TEXT,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX product_offerings_lifecycle_status ON product_offerings (lifecycle_status);

-- What an offering lists, in the client's order: kind is 'specification', 'pricing' or
-- 'channel' (value is then the sales channel, else an id).
CREATE TABLE offering_items (
  offering_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (offering_id, kind, position)
);
