package dev.portcullis.iam.domain;

import java.time.Instant;

/**
 * A console session as stored: never its token, only the token's SHA-256.
 *
 * @param principalId the IAM user's id, or the account id for the root user
 * @param mfaAuthenticatedAt when MFA was proved at sign-in, or null
 * @param expiresAt the absolute end of the session, whatever its activity
 */
public record ConsoleSessionRecord(String tokenHash, String accountId, Principal principalType,
    String principalId, Stage stage, Instant mfaAuthenticatedAt, Instant createdAt,
    Instant lastSeenAt, Instant expiresAt) {

  /** Who signed in. */
  public enum Principal { ROOT, IAM_USER }

  /** How far the sign-in has come: only an ACTIVE session may use the console. */
  public enum Stage { MFA, PASSWORD_CHANGE, ACTIVE }
}
