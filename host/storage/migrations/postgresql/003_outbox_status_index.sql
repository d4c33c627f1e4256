-- The relay reads WHERE status = 'PENDING' … ORDER BY sequence and /health counts by status:
-- both find their rows through this index. With the index by due time, SQLite scanned the
-- whole outbox on every pass, longer as sent events piled up.
DROP INDEX catalog_outbox_due;
CREATE INDEX catalog_outbox_status ON catalog_outbox (status, sequence);
