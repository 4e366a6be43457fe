package dev.portcullis.server.console;

import dev.portcullis.protocol.AwsException;
import java.util.Arrays;
import java.util.List;

/**
 * Each rule a refused new password breaks, for the console to list. The one place the console
 * learns them: from ChangePassword's PasswordPolicyViolation, whose message is {@code
 * PasswordRules.violations} joined with ", ", every reason beginning with "Password " (so the
 * console states exactly the rules the API enforces, the blocklist and class minimums too).
 */
final class PasswordReasons {
  private PasswordReasons() {}

  static List<String> of(AwsException violation) {
    String m = violation.getMessage() == null ? "" : violation.getMessage();
    return Arrays.stream(m.split(", (?=Password )")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }
}
