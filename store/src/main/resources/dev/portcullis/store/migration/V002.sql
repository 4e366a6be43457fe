-- Long-term access keys; secret_sealed is AES-256-GCM under the master key, never plaintext.
CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  secret_sealed TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  last_used_service TEXT,
  last_used_region TEXT
);
CREATE INDEX access_keys_user ON access_keys (account_id, user_id);
