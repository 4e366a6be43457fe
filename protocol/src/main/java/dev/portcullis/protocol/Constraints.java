package dev.portcullis.protocol;

import dev.portcullis.protocol.model.Shape;
import java.util.List;

/**
 * The constraints a service model states on values (required, length, pattern, enum, range),
 * checked the same way whatever protocol decoded them, in AWS's words. Each check appends the
 * violations it finds to a list, so that all of them are reported together, as AWS does.
 */
public final class Constraints {
  private Constraints() {}

  /**
   * Violations spelled out in one error; the count still says how many there were. A list the
   * model does not bound (STS's PolicyArns, even on the unsigned AssumeRoleWithWebIdentity)
   * could otherwise turn a 1 MiB body into a message of megabytes, in the answer and in the
   * audit event.
   */
  public static final int MAX_LISTED = 10;

  /** The error of a request with violations, e.g. "2 validation errors detected: a; b". */
  public static AwsException failure(ErrorCode code, List<String> violations) {
    int n = violations.size();
    return new AwsException(code, n + " validation error" + (n == 1 ? "" : "s")
        + " detected: " + String.join("; ", violations.subList(0, Math.min(n, MAX_LISTED))));
  }

  public static String mustNotBeNull(String path) {
    return "Value null at '" + path + "' failed to satisfy constraint: Member must not be null";
  }

  /** Enum, then length, then (only if the length holds) pattern. */
  public static void checkText(Shape.Text t, String raw, String path, List<String> violations) {
    String shown = shown(raw, t.sensitive());
    if (!t.enumValues().isEmpty() && !t.enumValues().contains(raw)) {
      violations.add(shown + "at '" + path
          + "' failed to satisfy constraint: Member must satisfy enum value set: "
          + t.enumValues());
      return;
    }
    int before = violations.size();
    checkLength("length", raw.length(), t.min(), t.max(), path, shown, violations);
    if (violations.size() == before && t.pattern() != null && !t.pattern().matches(raw)) {
      violations.add(shown + "at '" + path
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + t.pattern().text());
    }
  }

  /**
   * A number within the shape's range; returns it as the Java type of the shape (Long for a
   * long, Integer for an integer) or null after adding a violation.
   */
  public static Object checkNumber(Shape.Number n, long v, String raw, String path,
      List<String> violations) {
    String shown = shown(raw, false);
    int before = violations.size();
    checkLength("value", v, n.min(), n.max(), path, shown, violations);
    if (n.isLong()) {
      return v;
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      if (violations.size() > before) {
        return null; // out of the model's range already says it
      }
      violations.add(shown + "at '" + path
          + "' failed to satisfy constraint: Member must be a 32-bit integer");
      return null;
    }
    return (int) v;
  }

  /** A list's member count or a blob's byte count within the shape's bounds. */
  public static void checkSize(long actual, Long min, Long max, String path, String shown,
      List<String> violations) {
    checkLength("length", actual, min, max, path, shown, violations);
  }

  private static void checkLength(String what, long actual, Long min, Long max, String path,
      String shown, List<String> violations) {
    if (min != null && actual < min) {
      violations.add(shown + "at '" + path + "' failed to satisfy constraint: Member must have "
          + what + " greater than or equal to " + min);
    } else if (max != null && actual > max) {
      violations.add(shown + "at '" + path + "' failed to satisfy constraint: Member must have "
          + what + " less than or equal to " + max);
    }
  }

  /** AWS quotes the offending value unless the member is sensitive (a password, a secret). */
  public static String shown(String raw, boolean sensitive) {
    return sensitive ? "Value " : "Value '" + raw + "' ";
  }

  /** The path AWS names a member by: its name with a lower-case first letter. */
  public static String memberPath(String parent, String member) {
    String own = member.isEmpty() ? member
        : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    return parent.isEmpty() ? own : parent + "." + own;
  }
}
