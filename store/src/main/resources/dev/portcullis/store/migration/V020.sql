-- Instance profiles and the role each holds (IAM allows one; the table does not enforce it,
-- so that a raised quota needs no migration).
CREATE TABLE instance_profiles (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  instance_profile_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX instance_profiles_name ON instance_profiles (account_id, name_key);

CREATE TABLE instance_profile_roles (
  account_id TEXT NOT NULL,
  instance_profile_id TEXT NOT NULL REFERENCES instance_profiles (instance_profile_id),
  role_id TEXT NOT NULL REFERENCES roles (role_id),
  PRIMARY KEY (instance_profile_id, role_id)
);
CREATE INDEX instance_profile_roles_role ON instance_profile_roles (role_id);
