-- The trace an event was written in (a W3C traceparent), so that its publication and its
-- consumers join that trace; NULL for events written outside any.
ALTER TABLE catalog_outbox ADD COLUMN trace_parent TEXT;
