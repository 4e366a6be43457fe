package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** IAM users; names are unique per account regardless of case. */
public interface UserStore {
  void insert(User user);

  /** Finds a user by name, case-insensitively. */
  Optional<User> findByName(String accountId, String name);

  Optional<User> findById(String accountId, String userId);

  /** Users whose path starts with {@code pathPrefix}, ordered by name. */
  List<User> list(String accountId, String pathPrefix);

  /** Renames or moves a user; null arguments keep the current value. */
  void update(String accountId, String userId, String newName, String newPath);

  void setPermissionsBoundary(String accountId, String userId, String policyArn);

  void setPasswordLastUsed(String accountId, String userId, Instant at);


  void delete(String accountId, String userId);

  int count(String accountId);
}
