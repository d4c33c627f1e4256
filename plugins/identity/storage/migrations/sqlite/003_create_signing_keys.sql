-- The public halves of the keys that signed access tokens. A retired key stays published until
-- the last token it signed has expired.
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
