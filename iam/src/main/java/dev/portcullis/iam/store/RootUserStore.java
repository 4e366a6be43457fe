package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.RootUser;
import java.time.Instant;
import java.util.Optional;

/** The root user of each account (one at most). */
public interface RootUserStore {
  /** The root user of {@code accountId}; in a write, its row is locked until commit. */
  Optional<RootUser> find(String accountId);

  /** Creates the account's root user; EntityAlreadyExists if it has one. */
  void insert(RootUser root);

  /** Replaces the password hash (a change, or a reset by {@code portcullis root reset}). */
  void setPassword(String accountId, String passwordHash, boolean resetRequired,
      Instant changedAt);

  /** Records a successful sign-in (password last used). */
  void passwordUsed(String accountId, Instant at);
}
