-- Customer managed policies, their versions, managed policy attachments and inline policies.
CREATE TABLE policies (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  policy_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  path TEXT NOT NULL,
  description TEXT,
  default_version_id TEXT NOT NULL,
  next_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX policies_name ON policies (account_id, name_key);

CREATE TABLE policy_versions (
  policy_id TEXT NOT NULL REFERENCES policies (policy_id),
  version_id TEXT NOT NULL,
  version_number INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (policy_id, version_id)
);

-- Attachments name the policy by ARN: AWS managed policies live in the bundled catalog only.
CREATE TABLE policy_attachments (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  principal_kind TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  policy_arn TEXT NOT NULL,
  attached_at BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (principal_kind, principal_id, policy_arn)
);
CREATE INDEX policy_attachments_policy ON policy_attachments (account_id, policy_arn);

CREATE TABLE inline_policies (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  principal_kind TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (principal_kind, principal_id, name)
);
