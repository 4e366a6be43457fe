package dev.portcullis.iam.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text a caller chose that an event records (the operation name as asked, the user agent, the
 * Host header, an error message echoing input): bounded in length, so that no request, signed
 * or not, stores more than a few kilobytes in the trail for its retention period, and with the
 * values of secret members taken out of validation messages.
 */
final class CallerText {
  /** The longest eventName recorded: AWS's operation names are under 64 characters. */
  static final int MAX_EVENT_NAME = 128;
  /** The longest userAgent, Host header or other short field recorded. */
  static final int MAX_FIELD = 1024;
  /**
   * The longest errorMessage recorded: room for an AccessDenied message's encoded
   * authorization failure message, not for a megabyte of input a validation message quotes.
   */
  static final int MAX_ERROR_MESSAGE = 16 * 1024;
  /** Appended to a value cut to its bound, so a reader knows it was cut. */
  static final String CUT = "...(truncated)";
  /**
   * A validation violation quoting the value it refuses (Constraints' "Value 'v' at 'path'
   * failed to satisfy constraint"), reluctant so that it stops at the first path after it.
   */
  private static final Pattern QUOTED = Pattern.compile(
      "Value '(.*?)' at '([A-Za-z0-9_.]+)' failed to satisfy constraint", Pattern.DOTALL);

  private CallerText() {}

  /** {@code text} cut to {@code max} characters (null stays null). */
  static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - CUT.length();
    // Not between the two halves of a surrogate pair: the record stays valid UTF-8.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + CUT;
  }

  /**
   * An error message as the event records it: a validation message quoting the value of a
   * member the models leave unmarked but that is secret (an MFA code: AWS quotes only values
   * of unmarked members, so a mistyped TokenCode would be kept for the retention period) says
   * "Value at" instead, as for a sensitive member; then bounded.
   */
  static String errorMessage(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = QUOTED.matcher(message);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (secretPath(m.group(2))) {
        out = out == null ? new StringBuilder(message.length()) : out;
        out.append(message, last, m.start()).append("Value at '").append(m.group(2))
            .append("' failed to satisfy constraint");
        last = m.end();
      }
    }
    String scrubbed = out == null ? message : out.append(message, last, message.length())
        .toString();
    return bounded(scrubbed, MAX_ERROR_MESSAGE);
  }

  /** Whether a member path (tokenCode, a.b.authenticationCode1) names a secret member. */
  private static boolean secretPath(String path) {
    for (String segment : path.split("\\.")) {
      if (!segment.isEmpty() && ShapeJson.UNMARKED_SECRETS.contains(
          Character.toUpperCase(segment.charAt(0)) + segment.substring(1))) {
        return true;
      }
    }
    return false;
  }
}
