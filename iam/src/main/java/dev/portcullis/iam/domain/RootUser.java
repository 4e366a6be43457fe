package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * The account's root user: the identity that owns the account, which signs in to the console
 * with its e-mail address and password (never with the API unless root access keys are
 * allowed by the operator).
 *
 * @param passwordHash the Argon2id hash ({@code PasswordHasher}), never the password
 * @param passwordResetRequired set for a generated first password: the first sign-in must
 *     change it
 * @param passwordLastUsed the last successful sign-in, or null (for the credential report)
 */
public record RootUser(String accountId, String email, String passwordHash,
    boolean passwordResetRequired, Instant passwordChangedAt, Instant passwordLastUsed,
    Instant createdAt) {

  /** Leaves the hash out, so a root user printed in a log or an assertion reveals nothing. */
  @Override
  public String toString() {
    return "RootUser[accountId=" + accountId + ", email=" + email + ", passwordResetRequired="
        + passwordResetRequired + ", createdAt=" + createdAt + "]";
  }
}
