package dev.portcullis.server.console;

import dev.portcullis.protocol.AwsException;
import java.util.Arrays;
import java.util.List;

/**
 * Each rule a refused new password breaks, for the console to list. The one place the console
 * learns them: from ChangePassword's PasswordPolicyViolation, whose message joins AWS's
 * sentences with ", ". TODO(root): use PasswordRules' list of reasons once branch root (which
 * adds it, with the blocklist and the per-class minimums) is merged.
 */
final class PasswordReasons {
  private PasswordReasons() {}

  static List<String> of(AwsException violation) {
    String m = violation.getMessage() == null ? "" : violation.getMessage();
    return Arrays.stream(m.split(", (?=Password )")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }
}
