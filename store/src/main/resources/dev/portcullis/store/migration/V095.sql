-- The root user of each account (issue 9): its e-mail address and the Argon2id hash of its
-- console password, never the password. At most one per account.
CREATE TABLE root_users (
  account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
  email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_reset_required BOOLEAN NOT NULL,
  password_changed_at BIGINT NOT NULL,
  password_last_used BIGINT,
  created_at BIGINT NOT NULL
);

-- Portcullis-only rules of the account password policy: minimum counts per character class
-- (the IAM guides' "2 digits, 2 upper case, 2 lower case, 1 special character"). A table of
-- its own: UpdateAccountPasswordPolicy replaces the AWS-shaped row and must not drop these.
CREATE TABLE password_class_minimums (
  account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
  min_digits INTEGER NOT NULL,
  min_uppercase INTEGER NOT NULL,
  min_lowercase INTEGER NOT NULL,
  min_symbols INTEGER NOT NULL
);

-- Root's access keys (serve --allow-root-access-keys) and MFA devices are owned by the account
-- id, which is no row of users: both tables are rebuilt without that foreign key (neither
-- SQLite nor a portable script can drop one in place). Deleting a user still refuses while it
-- has keys or devices: DeleteUser checks them itself (DeleteConflict).
CREATE TABLE access_keys_v095 (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  last_used_service TEXT,
  last_used_region TEXT
);
INSERT INTO access_keys_v095 (access_key_id, account_id, user_id, secret_sealed, status,
  created_at, last_used_at, last_used_service, last_used_region)
  SELECT access_key_id, account_id, user_id, secret_sealed, status, created_at, last_used_at,
    last_used_service, last_used_region FROM access_keys;
DROP TABLE access_keys;
ALTER TABLE access_keys_v095 RENAME TO access_keys;
CREATE INDEX access_keys_user ON access_keys (account_id, user_id);

CREATE TABLE mfa_devices_v095 (
  serial_number TEXT PRIMARY KEY,
  serial_key TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  seed_sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  user_id TEXT,
  enabled_at BIGINT,
  last_used_step BIGINT,
  drift_steps INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  failures_since BIGINT
);
INSERT INTO mfa_devices_v095 (serial_number, serial_key, account_id, name, path, seed_sealed,
  created_at, user_id, enabled_at, last_used_step, drift_steps, failed_attempts,
  failures_since)
  SELECT serial_number, serial_key, account_id, name, path, seed_sealed, created_at, user_id,
    enabled_at, last_used_step, drift_steps, failed_attempts, failures_since FROM mfa_devices;
DROP TABLE mfa_devices;
ALTER TABLE mfa_devices_v095 RENAME TO mfa_devices;
CREATE UNIQUE INDEX mfa_devices_serial ON mfa_devices (account_id, serial_key);
CREATE INDEX mfa_devices_user ON mfa_devices (user_id);
