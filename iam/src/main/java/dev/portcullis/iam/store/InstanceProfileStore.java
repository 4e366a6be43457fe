package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.InstanceProfile;
import java.util.List;
import java.util.Optional;

/** Instance profiles and the roles they hold; names are unique per account regardless of case. */
public interface InstanceProfileStore {
  void insert(InstanceProfile profile);

  Optional<InstanceProfile> findByName(String accountId, String name);

  Optional<InstanceProfile> findById(String accountId, String instanceProfileId);

  /** Instance profiles whose path starts with {@code pathPrefix}, ordered by name. */
  List<InstanceProfile> list(String accountId, String pathPrefix);

  void delete(String accountId, String instanceProfileId);

  int count(String accountId);

  /** Puts a role in a profile; putting a role that is already there changes nothing. */
  void addRole(String accountId, String instanceProfileId, String roleId);

  void removeRole(String accountId, String instanceProfileId, String roleId);

  /** The ids of the roles in a profile, ordered by role name. */
  List<String> roleIds(String accountId, String instanceProfileId);

  /** The profiles that hold a role, ordered by name. */
  List<InstanceProfile> profilesOfRole(String accountId, String roleId);
}
