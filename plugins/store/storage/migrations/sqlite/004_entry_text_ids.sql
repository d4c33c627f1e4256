-- Each entry's row of entry_text by its rowid, kept in text_id: FTS5 can't index offering_id,
-- so replacing an entry's text by offering_id scanned the whole table on every write.
ALTER TABLE store_entries ADD COLUMN text_id INTEGER;
UPDATE store_entries SET text_id = t.rowid
  FROM (SELECT rowid, offering_id FROM entry_text) t
  WHERE t.offering_id = store_entries.offering_id;
CREATE UNIQUE INDEX store_entries_text_id ON store_entries (text_id);
