package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.LoginProfile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' login profiles (console passwords) and the history of their password hashes that
 * password reuse prevention checks. Only Argon2id hashes are ever passed in or out.
 */
public interface LoginProfileStore {
  void insert(LoginProfile profile);

  Optional<LoginProfile> find(String accountId, String userId);

  /** Replaces the password hash and when it was set. */
  void setPassword(String accountId, String userId, String passwordHash, Instant changedAt);

  void setPasswordResetRequired(String accountId, String userId, boolean required);

  void delete(String accountId, String userId);

  /** The hashes of the user's most recent passwords, newest first, at most {@code limit}. */
  List<String> recentHashes(String accountId, String userId, int limit);

  /** Records a password hash in the user's history, keeping only the newest {@code keep}. */
  void remember(String accountId, String userId, String passwordHash, Instant at, int keep);

  /** Drops the user's password history (when the user is deleted). */
  void forgetHistory(String accountId, String userId);
}
