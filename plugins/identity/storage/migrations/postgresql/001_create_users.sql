CREATE TABLE users (
  id UUID PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(20) NOT NULL CHECK (role IN ('ADMIN', 'USER')),
  created_at VARCHAR(30) NOT NULL
);
-- Usernames are unique regardless of case: "Admin" and "admin" must not be two people.
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_role ON users (role);
