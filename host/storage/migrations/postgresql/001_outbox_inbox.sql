-- The host's tables in every plugin database: the transactional outbox, the inbox that makes
-- event delivery idempotent, and the references learnt from other contexts' events.
CREATE TABLE catalog_outbox (
  sequence BIGSERIAL PRIMARY KEY,
  event_id UUID NOT NULL UNIQUE,
  topic VARCHAR(100) NOT NULL,
  event_type VARCHAR(100) NOT NULL,
  envelope JSONB NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'PENDING',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  processed_at TIMESTAMPTZ,
  error_message TEXT
);
CREATE INDEX catalog_outbox_due ON catalog_outbox (next_attempt_at, sequence) WHERE status = 'PENDING';

CREATE TABLE catalog_inbox (
  consumer VARCHAR(200) NOT NULL,
  event_id UUID NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE catalog_references (
  referrer VARCHAR(100) NOT NULL,
  referrer_id UUID NOT NULL,
  target_id UUID NOT NULL,
  PRIMARY KEY (referrer, referrer_id, target_id)
);
CREATE INDEX catalog_references_target ON catalog_references (target_id);

CREATE TABLE catalog_reference_versions (
  referrer VARCHAR(100) NOT NULL,
  referrer_id UUID NOT NULL,
  entity_version BIGINT NOT NULL,
  PRIMARY KEY (referrer, referrer_id)
);
