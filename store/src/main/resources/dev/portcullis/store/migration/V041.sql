-- Account password policies (0 = not set for max_password_age and reuse_prevention, as in
-- AWS) and the account alias, unique across all accounts as AWS's sign-in URLs require.
CREATE TABLE password_policies (
  account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
  minimum_length INTEGER NOT NULL,
  require_symbols BOOLEAN NOT NULL,
  require_numbers BOOLEAN NOT NULL,
  require_uppercase BOOLEAN NOT NULL,
  require_lowercase BOOLEAN NOT NULL,
  allow_users_to_change BOOLEAN NOT NULL,
  max_password_age INTEGER NOT NULL,
  reuse_prevention INTEGER NOT NULL,
  hard_expiry BOOLEAN NOT NULL
);

ALTER TABLE accounts ADD COLUMN account_alias TEXT;
CREATE UNIQUE INDEX accounts_alias ON accounts (account_alias);
