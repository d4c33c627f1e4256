CREATE TABLE characteristics (
  id UUID PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  value VARCHAR(100) NOT NULL,
  unit_of_measure VARCHAR(20) NOT NULL,
  version BIGINT NOT NULL,
  created_at VARCHAR(30) NOT NULL,
  updated_at VARCHAR(30) NOT NULL
);
-- Names are unique regardless of case: "Speed" and "speed" would confuse every user.
CREATE UNIQUE INDEX characteristics_name ON characteristics (lower(name));
