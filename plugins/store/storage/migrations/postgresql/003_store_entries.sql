-- A store entry: the PublishedOffering document, created by the saga's create-store-entry step
-- and visible to customers once its offering is PUBLISHED; searched through its tsvector.
CREATE TABLE store_entries (
  offering_id TEXT PRIMARY KEY,
  saga_id TEXT NOT NULL,
  visible INTEGER NOT NULL DEFAULT 0,
  document JSONB NOT NULL,
  name_key TEXT NOT NULL,
  published_at TEXT,
  updated_at TEXT NOT NULL,
  search_vector TSVECTOR NOT NULL
);
CREATE INDEX store_entries_visible ON store_entries (visible, published_at);
CREATE INDEX store_entries_search ON store_entries USING GIN (search_vector);
