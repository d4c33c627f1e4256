CREATE TABLE prices (
  id UUID PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  -- Exact: the value in minor units (cents), DECIMAL(10,2) of SRS §8.1 without a binary float.
  value_cents BIGINT NOT NULL CHECK (value_cents > 0 AND value_cents <= 9999999999),
  unit VARCHAR(50) NOT NULL,
  currency VARCHAR(3) NOT NULL CHECK (currency IN ('USD', 'EUR', 'TRY')),
  -- The saga holding the price; NULL when unlocked (SRS §3.2.3 "locked" is derived from it).
  locked_by_saga_id VARCHAR(100),
  version BIGINT NOT NULL,
  created_at VARCHAR(30) NOT NULL,
  updated_at VARCHAR(30) NOT NULL
);
-- Names are unique regardless of case: "Monthly Fee" and "monthly fee" would confuse every user.
CREATE UNIQUE INDEX prices_name ON prices (lower(name));
-- A saga's compensation releases every price it holds.
CREATE INDEX prices_locked_by_saga ON prices (locked_by_saga_id);
