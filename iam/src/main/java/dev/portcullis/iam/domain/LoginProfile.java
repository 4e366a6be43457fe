package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * A user's console password. Only its Argon2id hash is kept; {@code passwordChangedAt} is when
 * the current password was set, which password expiry counts from.
 */
public record LoginProfile(String accountId, String userId, String passwordHash,
    Instant createdAt, boolean passwordResetRequired, Instant passwordChangedAt) {

  /** Leaves the hash out, so a profile printed in a log or a failed assertion reveals nothing. */
  @Override
  public String toString() {
    return "LoginProfile[accountId=" + accountId + ", userId=" + userId + ", createdAt="
        + createdAt + ", passwordResetRequired=" + passwordResetRequired
        + ", passwordChangedAt=" + passwordChangedAt + "]";
  }
}
