-- The unique ids of the IAM users and roles a role's trust policy named when it was saved. AWS
-- matches such a principal by its unique id, so a user or role deleted and created again under
-- the same name is no longer trusted; the rows go with their role.
CREATE TABLE role_trust_principals (
  role_id TEXT NOT NULL REFERENCES roles (role_id) ON DELETE CASCADE,
  principal_arn TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  PRIMARY KEY (role_id, principal_arn)
);
