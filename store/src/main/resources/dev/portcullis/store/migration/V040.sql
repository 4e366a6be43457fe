-- Login profiles (console passwords) and each user's recent password hashes for reuse
-- prevention. password_hash is an Argon2id PHC string: a password is never stored in clear.
CREATE TABLE login_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users (user_id),
  account_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  password_reset_required BOOLEAN NOT NULL
);

-- No foreign key: the history is dropped together with the user, after the user's row.
CREATE TABLE password_history (
  account_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, seq)
);
