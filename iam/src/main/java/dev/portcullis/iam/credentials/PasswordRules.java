package dev.portcullis.iam.credentials;

import dev.portcullis.iam.domain.PasswordClassMinimums;
import dev.portcullis.iam.domain.PasswordPolicy;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every rule a new password must meet, answering each one it breaks as a human-readable reason
 * (the API's PasswordPolicyViolation lists them; the console shows each): the account's custom
 * password policy or, when it has none, AWS's default (at least 8 characters and three of the
 * four character types), in AWS's words; then Portcullis's own rules: minimum counts per
 * character class, the blocklist of common and breached passwords, and no password holding
 * the user's name or the account alias.
 */
public final class PasswordRules {
  /** The non-alphanumeric characters that count as symbols, as AWS lists them. */
  /** The longest password AWS (and the console sign-in form) accepts. */
  public static final int MAXIMUM_LENGTH = 128;
  public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
  static final int DEFAULT_MINIMUM_LENGTH = 8;
  static final int DEFAULT_TYPES_REQUIRED = 3;
  /** Names shorter than this are too common inside words to forbid (NIST's "context"). */
  static final int SHORTEST_FORBIDDEN_NAME = 3;
  static final String BLOCKLISTED = "Password is too common: it is on a list of common and "
      + "breached passwords";
  private static final String UPPERCASE = "Password should have at least one uppercase letter";
  private static final String LOWERCASE = "Password should have at least one lowercase letter";
  private static final String NUMBER = "Password should have at least one number";
  private static final String SYMBOL = "Password should have at least one symbol";

  private PasswordRules() {}

  /**
   * A word of the password's context that it must not contain, with what to call it in the
   * reason ("user name", "account alias").
   */
  public record ContextWord(String what, String word) {}

  /**
   * What a new password is checked against.
   *
   * @param policy the account's custom policy, or null for AWS's default
   * @param minimums the account's minimum counts per character class
   * @param context the words the password must not contain (those under 3 characters are
   *     ignored)
   */
  public record Requirements(PasswordPolicy policy, PasswordClassMinimums minimums,
      List<ContextWord> context) {
    public Requirements {
      minimums = minimums == null ? PasswordClassMinimums.NONE : minimums;
      context = List.copyOf(context);
    }
  }

  /** Throws PasswordPolicyViolation unless the password satisfies the policy (null: default). */
  public static void check(PasswordPolicy policy, String password) {
    check(new Requirements(policy, PasswordClassMinimums.NONE, List.of()), password);
  }

  /** Throws PasswordPolicyViolation, its message listing every reason, unless none applies. */
  public static void check(Requirements requirements, String password) {
    List<String> reasons = violations(requirements, password);
    if (!reasons.isEmpty()) {
      throw new AwsException(ErrorCode.PASSWORD_POLICY_VIOLATION, String.join(", ", reasons));
    }
  }

  /** Every rule {@code password} breaks, as reasons a person can act on; empty if none. */
  public static List<String> violations(Requirements r, String password) {
    List<String> out = r.policy() == null ? defaultViolations(password)
        : customViolations(r.policy(), password);
    // AWS's passwordType allows 128 characters and the console's sign-in form refuses more, so
    // a longer root password set by init or root reset could never sign in.
    if (password.length() > MAXIMUM_LENGTH) {
      out.add("Password should have at most " + MAXIMUM_LENGTH + " characters");
    }
    Counts counts = Counts.of(password);
    PasswordClassMinimums m = r.minimums();
    atLeast(out, counts.number, m.digits(), NUMBER, "numbers");
    atLeast(out, counts.upper, m.uppercase(), UPPERCASE, "uppercase letters");
    atLeast(out, counts.lower, m.lowercase(), LOWERCASE, "lowercase letters");
    atLeast(out, counts.symbol, m.symbols(), SYMBOL, "symbols");
    if (PasswordBlocklist.bundled().contains(password)) {
      out.add(BLOCKLISTED);
    }
    String lower = password.toLowerCase(Locale.ROOT);
    for (ContextWord w : r.context()) {
      if (w.word() != null && w.word().length() >= SHORTEST_FORBIDDEN_NAME
          && lower.contains(w.word().toLowerCase(Locale.ROOT))) {
        out.add("Password should not contain the " + w.what());
      }
    }
    return out;
  }

  private static void atLeast(List<String> out, int have, int need, String awsOne,
      String plural) {
    if (have >= need) {
      return;
    }
    if (need == 1) {
      if (!out.contains(awsOne)) {
        out.add(awsOne);
      }
    } else {
      out.add("Password should have at least " + need + " " + plural);
    }
  }

  static List<String> customViolations(PasswordPolicy policy, String password) {
    List<String> out = new ArrayList<>();
    Counts counts = Counts.of(password);
    if (password.length() < policy.minimumLength()) {
      out.add(tooShort(policy.minimumLength()));
    }
    if (policy.requireUppercase() && counts.upper == 0) {
      out.add(UPPERCASE);
    }
    if (policy.requireLowercase() && counts.lower == 0) {
      out.add(LOWERCASE);
    }
    if (policy.requireNumbers() && counts.number == 0) {
      out.add(NUMBER);
    }
    if (policy.requireSymbols() && counts.symbol == 0) {
      out.add(SYMBOL);
    }
    return out;
  }

  static List<String> defaultViolations(String password) {
    List<String> out = new ArrayList<>();
    if (password.length() < DEFAULT_MINIMUM_LENGTH) {
      out.add(tooShort(DEFAULT_MINIMUM_LENGTH));
    }
    Counts counts = Counts.of(password);
    List<String> missing = new ArrayList<>();
    if (counts.upper == 0) {
      missing.add(UPPERCASE);
    }
    if (counts.lower == 0) {
      missing.add(LOWERCASE);
    }
    if (counts.number == 0) {
      missing.add(NUMBER);
    }
    if (counts.symbol == 0) {
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

  /** How many characters of each type a password holds (the ISO basic Latin alphabet). */
  private record Counts(int upper, int lower, int number, int symbol) {
    static Counts of(String password) {
      int upper = 0;
      int lower = 0;
      int number = 0;
      int symbol = 0;
      for (int i = 0; i < password.length(); i++) {
        char c = password.charAt(i);
        upper += c >= 'A' && c <= 'Z' ? 1 : 0;
        lower += c >= 'a' && c <= 'z' ? 1 : 0;
        number += c >= '0' && c <= '9' ? 1 : 0;
        symbol += SYMBOLS.indexOf(c) >= 0 ? 1 : 0;
      }
      return new Counts(upper, lower, number, symbol);
    }
  }
}
