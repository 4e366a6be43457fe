-- Virtual MFA devices. seed_sealed is the AES-GCM sealed TOTP seed (associated data: the
-- serial number): a seed is never stored in clear. serial_key is the lower-cased serial number.
CREATE TABLE mfa_devices (
  serial_number TEXT PRIMARY KEY,
  serial_key TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  seed_sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  user_id TEXT REFERENCES users (user_id),
  enabled_at BIGINT,
  last_used_step BIGINT,
  drift_steps INTEGER NOT NULL
);
CREATE UNIQUE INDEX mfa_devices_serial ON mfa_devices (account_id, serial_key);
CREATE INDEX mfa_devices_user ON mfa_devices (user_id);
