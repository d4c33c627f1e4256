CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('ADMIN', 'USER')),
  created_at TEXT NOT NULL
);
-- Usernames are unique regardless of case: "Admin" and "admin" must not be two people.
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_role ON users (role);
