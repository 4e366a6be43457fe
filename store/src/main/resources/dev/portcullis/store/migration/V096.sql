-- Console sign-in (issue 9). console_sessions holds one row per console session: the cookie
-- carries a random 256-bit token and this table only its SHA-256 (token_hash), so a copy of
-- the database signs nobody in. stage is MFA (password proved, MFA code still due),
-- PASSWORD_CHANGE (a forced change is due) or ACTIVE; each step to the next stage issues a new
-- token (the row is replaced), so no earlier token ever becomes a signed-in one. Both limits
-- are enforced on the server: idle (last_seen_at + idle timeout) and absolute (expires_at).
-- principal_id is the IAM user's id, or the account id for the root user.
CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  principal_type TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  mfa_authenticated_at BIGINT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
CREATE INDEX console_sessions_principal ON console_sessions (account_id, principal_id);

-- Failed sign-ins counted per key (a user name and source address pair, a user name, a source
-- address; the key is a SHA-256 so no typed user name or password guess is stored), shared by
-- every node on the database: an upsert adds one atomically. locked_until is the end of the
-- current wait; last_success_at marks an address that signed this user in before.
CREATE TABLE signin_counters (
  counter_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at BIGINT,
  locked_until BIGINT,
  last_success_at BIGINT
);
