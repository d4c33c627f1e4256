-- The host's tables in every plugin database: the transactional outbox, the inbox that makes
-- event delivery idempotent, and the references learnt from other contexts' events.
CREATE TABLE catalog_outbox (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  topic TEXT NOT NULL,
  event_type TEXT NOT NULL,
  envelope TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'PENDING',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  processed_at TEXT,
  error_message TEXT
);
CREATE INDEX catalog_outbox_due ON catalog_outbox (next_attempt_at, sequence) WHERE status = 'PENDING';

CREATE TABLE catalog_inbox (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE catalog_references (
  referrer TEXT NOT NULL,
  referrer_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  PRIMARY KEY (referrer, referrer_id, target_id)
);
CREATE INDEX catalog_references_target ON catalog_references (target_id);

CREATE TABLE catalog_reference_versions (
  referrer TEXT NOT NULL,
  referrer_id TEXT NOT NULL,
  entity_version BIGINT NOT NULL,
  PRIMARY KEY (referrer, referrer_id)
);
