-- Temporary credentials issued by STS. The secret is stored sealed (AES-GCM) and the session
-- token only as the hex SHA-256 of its text. Lists are JSON arrays: policy_arns and
-- transitive_tag_keys of strings, tags of {"Key": ..., "Value": ...} objects, in order.
CREATE TABLE sts_session (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  session_type TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  token_sha256 TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_arn TEXT NOT NULL,
  session_name TEXT,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  mfa_authenticated_at BIGINT,
  policy TEXT,
  policy_arns TEXT NOT NULL,
  tags TEXT NOT NULL,
  transitive_tag_keys TEXT NOT NULL,
  source_identity TEXT,
  chained BOOLEAN NOT NULL
);
CREATE INDEX sts_session_expiry ON sts_session (expires_at);
