-- Accounts, users and tags. Times are epoch milliseconds; name_key is the lower-cased name.
CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  user_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  permissions_boundary TEXT,
  password_last_used BIGINT
);
CREATE UNIQUE INDEX users_name ON users (account_id, name_key);

CREATE TABLE tags (
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  tag_key TEXT NOT NULL,
  key_lc TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (account_id, kind, resource_id, key_lc)
);
