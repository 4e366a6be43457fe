package dev.portcullis.iam.domain;

/**
 * Portcullis-only rules of an account's password policy, beyond AWS's: the least number of
 * characters of each class a password must hold (0: no minimum). Set with {@code portcullis
 * password-policy set}; GetAccountPasswordPolicy keeps AWS's shape and does not show them.
 */
public record PasswordClassMinimums(int digits, int uppercase, int lowercase, int symbols) {
  /** No minimum counts. */
  public static final PasswordClassMinimums NONE = new PasswordClassMinimums(0, 0, 0, 0);
  /** The largest count accepted per class: more says nothing a length rule would not. */
  public static final int MAX_PER_CLASS = 128;

  public PasswordClassMinimums {
    for (int n : new int[] {digits, uppercase, lowercase, symbols}) {
      if (n < 0 || n > MAX_PER_CLASS) {
        throw new IllegalArgumentException("a minimum count per character class is 0 to "
            + MAX_PER_CLASS + ", not " + n);
      }
    }
  }
}
