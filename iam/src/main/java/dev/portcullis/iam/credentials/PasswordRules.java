package dev.portcullis.iam.credentials;

import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a new password against the account's custom password policy or, when the account has
 * none, AWS's default policy: at least 8 characters and at least three of the four character
 * types. Violations are answered as PasswordPolicyViolation in AWS's words.
 */
public final class PasswordRules {
  /** The non-alphanumeric characters that count as symbols, as AWS lists them. */
  public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
  static final int DEFAULT_MINIMUM_LENGTH = 8;
  static final int DEFAULT_TYPES_REQUIRED = 3;
  private static final String UPPERCASE = "Password should have at least one uppercase letter";
  private static final String LOWERCASE = "Password should have at least one lowercase letter";
  private static final String NUMBER = "Password should have at least one number";
  private static final String SYMBOL = "Password should have at least one symbol";

  private PasswordRules() {}

  /** Throws PasswordPolicyViolation unless the password satisfies the policy (null: default). */
  public static void check(PasswordPolicy policy, String password) {
    List<String> violations = policy == null ? defaultViolations(password)
        : customViolations(policy, password);
    if (!violations.isEmpty()) {
      throw new AwsException(ErrorCode.PASSWORD_POLICY_VIOLATION,
          String.join(", ", violations));
    }
  }

  static List<String> customViolations(PasswordPolicy policy, String password) {
    List<String> out = new ArrayList<>();
    Types types = Types.of(password);
    if (password.length() < policy.minimumLength()) {
      out.add(tooShort(policy.minimumLength()));
    }
    if (policy.requireUppercase() && !types.upper) {
      out.add(UPPERCASE);
    }
    if (policy.requireLowercase() && !types.lower) {
      out.add(LOWERCASE);
    }
    if (policy.requireNumbers() && !types.number) {
      out.add(NUMBER);
    }
    if (policy.requireSymbols() && !types.symbol) {
      out.add(SYMBOL);
    }
    return out;
  }

  static List<String> defaultViolations(String password) {
    List<String> out = new ArrayList<>();
    if (password.length() < DEFAULT_MINIMUM_LENGTH) {
      out.add(tooShort(DEFAULT_MINIMUM_LENGTH));
    }
    Types types = Types.of(password);
    List<String> missing = new ArrayList<>();
    if (!types.upper) {
      missing.add(UPPERCASE);
    }
    if (!types.lower) {
      missing.add(LOWERCASE);
    }
    if (!types.number) {
      missing.add(NUMBER);
    }
    if (!types.symbol) {
      missing.add(SYMBOL);
    }
    int stillNeeded = missing.size() - (4 - DEFAULT_TYPES_REQUIRED);
    if (stillNeeded > 0) {
      out.add("Password should meet " + stillNeeded + " more of the following requirements: "
          + String.join(", ", missing));
    }
    return out;
  }

  private static String tooShort(int minimum) {
    return "Password should have a minimum length of " + minimum;
  }

  /** Which character types a password contains (letters of the ISO basic Latin alphabet). */
  private record Types(boolean upper, boolean lower, boolean number, boolean symbol) {
    static Types of(String password) {
      boolean upper = false;
      boolean lower = false;
      boolean number = false;
      boolean symbol = false;
      for (int i = 0; i < password.length(); i++) {
        char c = password.charAt(i);
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        number |= c >= '0' && c <= '9';
        symbol |= SYMBOLS.indexOf(c) >= 0;
      }
      return new Types(upper, lower, number, symbol);
    }
  }
}
