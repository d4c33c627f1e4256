-- A store entry: the PublishedOffering document, created by the saga's create-store-entry step
-- and visible to customers once its offering is PUBLISHED.
CREATE TABLE store_entries (
  offering_id TEXT PRIMARY KEY,
  saga_id TEXT NOT NULL,
  visible INTEGER NOT NULL DEFAULT 0,
  document TEXT NOT NULL,
  name_key TEXT NOT NULL,
  published_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX store_entries_visible ON store_entries (visible, published_at);

-- Full text over name, description and characteristic names and values, stemmed.
CREATE VIRTUAL TABLE entry_text USING fts5(
  offering_id UNINDEXED, name, description, characteristics, tokenize = 'porter unicode61'
);
