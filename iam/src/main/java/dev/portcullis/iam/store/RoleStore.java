package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles; names are unique per account regardless of case. */
public interface RoleStore {
  void insert(Role role);

  Optional<Role> findByName(String accountId, String name);

  Optional<Role> findById(String accountId, String roleId);

  /** Roles whose path starts with {@code pathPrefix}, ordered by name. */
  List<Role> list(String accountId, String pathPrefix);

  /** Stores every mutable field of the role as given (name and path are fixed in IAM). */
  void update(Role role);

  /** Records the role's last use, and nothing else (a use must never undo a policy change). */
  void recordUse(String accountId, String roleId, Role.LastUsed lastUsed);

  void delete(String accountId, String roleId);

  int count(String accountId);

  /**
   * Records the unique ids of the IAM users and roles the role's trust policy names, by ARN, as
   * they were when the policy was saved (replacing what was recorded before).
   */
  void replaceTrustPrincipals(String accountId, String roleId, Map<String, String> idsByArn);

  /** The unique ids recorded for the role's trust policy principals, by ARN. */
  Map<String, String> trustPrincipals(String accountId, String roleId);
}
