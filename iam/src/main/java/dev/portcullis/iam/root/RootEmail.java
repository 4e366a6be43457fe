package dev.portcullis.iam.root;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The root user's e-mail address: its shape checked (one {@code @}, a dotted domain, no
 * spaces, at most 254 characters as SMTP allows), and the placeholder given when none was.
 */
public final class RootEmail {
  /** The longest address SMTP carries (RFC 5321's path limit less its angle brackets). */
  static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE = Pattern.compile(
      "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
      + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private RootEmail() {}

  /** The address lower-cased in its domain, or what is wrong with its shape. */
  public static String checked(String email) {
    Optional<String> problem = problem(email);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    int at = email.lastIndexOf('@');
    return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** What is wrong with {@code email}'s shape, if anything. */
  public static Optional<String> problem(String email) {
    if (email == null || email.isBlank()) {
      return Optional.of("the root user's e-mail address is empty");
    }
    if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
      return Optional.of("not an e-mail address: " + email
          + " (expected name@example.com, at most " + MAX_LENGTH + " characters)");
    }
    return Optional.empty();
  }

  /**
   * The placeholder of an account started without an address and without a terminal to ask
   * on: the reserved {@code .invalid} top-level domain (RFC 2606) says it reaches nobody.
   */
  public static String placeholder(String accountId) {
    return "root@" + accountId + ".invalid";
  }

  /** Whether {@code email} is the placeholder {@link #placeholder} makes. */
  public static boolean isPlaceholder(String email) {
    return email.toLowerCase(Locale.ROOT).endsWith(".invalid");
  }

  /** The part before the {@code @}: a word no root password may contain. */
  static String localPart(String email) {
    return email.substring(0, email.lastIndexOf('@'));
  }
}
