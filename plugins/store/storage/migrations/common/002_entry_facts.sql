-- What store searches filter and facet on, one row per fact of a store entry.
CREATE TABLE entry_prices (
  offering_id TEXT NOT NULL,
  price_id TEXT NOT NULL,
  value_cents BIGINT NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (offering_id, price_id)
);
CREATE INDEX entry_prices_value ON entry_prices (currency, value_cents);

CREATE TABLE entry_characteristics (
  offering_id TEXT NOT NULL,
  characteristic_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,   -- lower case
  value TEXT NOT NULL,
  value_key TEXT NOT NULL,  -- lower case
  unit TEXT NOT NULL,
  number DOUBLE PRECISION,  -- the value, when it is a number
  dimension TEXT,           -- and in the base unit of its dimension, when measurable
  base_value DOUBLE PRECISION,
  PRIMARY KEY (offering_id, characteristic_id)
);
CREATE INDEX entry_characteristics_name ON entry_characteristics (name_key, dimension, base_value);

CREATE TABLE entry_channels (
  offering_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  PRIMARY KEY (offering_id, channel)
);
CREATE INDEX entry_channels_channel ON entry_channels (channel);

-- Which entries use which source entity, so that its update re-projects exactly those.
CREATE TABLE entry_sources (
  kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  offering_id TEXT NOT NULL,
  PRIMARY KEY (kind, source_id, offering_id)
);
CREATE INDEX entry_sources_offering ON entry_sources (offering_id);
