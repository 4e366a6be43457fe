package dev.portcullis.iam.domain;

/**
 * An account's custom password policy. {@code maxPasswordAge} and {@code reusePrevention} are 0
 * when not set: passwords never expire and any earlier password may be reused.
 */
public record PasswordPolicy(int minimumLength, boolean requireSymbols, boolean requireNumbers,
    boolean requireUppercase, boolean requireLowercase, boolean allowUsersToChangePassword,
    int maxPasswordAge, int reusePrevention, boolean hardExpiry) {

  /** The minimum length UpdateAccountPasswordPolicy sets when the member is not given. */
  public static final int DEFAULT_MINIMUM_LENGTH = 6;

  /** Whether passwords expire, as GetAccountPasswordPolicy's {@code ExpirePasswords} reports. */
  public boolean expirePasswords() {
    return maxPasswordAge > 0;
  }
}
