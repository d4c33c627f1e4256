-- The public halves of the keys that signed access tokens. A retired key stays published until
-- the last token it signed has expired.
CREATE TABLE signing_keys (
  kid VARCHAR(64) PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  created_at VARCHAR(30) NOT NULL,
  retired_at VARCHAR(30)
);
