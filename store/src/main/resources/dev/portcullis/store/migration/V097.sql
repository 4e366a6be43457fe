-- Passkeys (WebAuthn credentials) registered as MFA devices of IAM users (owner_id: the user
-- id) and root users (owner_id: the account id). Only public material: the credential id and
-- the COSE public key, both base64url. credential_id is unique across accounts, as the
-- authenticator's credential is one thing whoever registers it. serial_key is the lower-cased
-- serial number (an ARN of AWS's u2f form).
CREATE TABLE passkeys (
  credential_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  owner_id TEXT NOT NULL,
  public_key_cose TEXT NOT NULL,
  sign_count BIGINT NOT NULL,
  aaguid TEXT NOT NULL,
  transports TEXT NOT NULL,
  backup_eligible BOOLEAN NOT NULL,
  name TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  serial_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX passkeys_serial ON passkeys (account_id, serial_key);
CREATE INDEX passkeys_owner ON passkeys (account_id, owner_id);
