CREATE TABLE prices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- Exact: the value in minor units (cents), DECIMAL(10,2) of SRS §8.1 without a binary float.
  value_cents BIGINT NOT NULL CHECK (value_cents > 0 AND value_cents <= 9999999999),
  unit TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR', 'TRY')),
  -- The saga holding the price; NULL when unlocked (SRS §3.2.3 "locked" is derived from it).
  locked_by_saga_id TEXT,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Names are unique regardless of case: "Monthly Fee" and "monthly fee" would confuse every user.
CREATE UNIQUE INDEX prices_name ON prices (lower(name));
-- A saga's compensation releases every price it holds.
CREATE INDEX prices_locked_by_saga ON prices (locked_by_saga_id);
