-- Groups (iam_groups: "groups" is a reserved word in some databases), memberships and roles.
CREATE TABLE iam_groups (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  group_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX iam_groups_name ON iam_groups (account_id, name_key);

CREATE TABLE group_members (
  account_id TEXT NOT NULL,
  group_id TEXT NOT NULL REFERENCES iam_groups (group_id),
  user_id TEXT NOT NULL REFERENCES users (user_id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE roles (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  role_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  assume_role_policy TEXT NOT NULL,
  description TEXT,
  max_session_duration INTEGER NOT NULL,
  permissions_boundary TEXT,
  last_used_at BIGINT,
  last_used_region TEXT
);
CREATE UNIQUE INDEX roles_name ON roles (account_id, name_key);
