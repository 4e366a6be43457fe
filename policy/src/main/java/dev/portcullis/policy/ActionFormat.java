package dev.portcullis.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks AWS makes on each Action and NotAction value. Condition keys are not checked: AWS
 * stores documents whose keys have no service prefix ({@code {"StringEquals": {"a": "x"}}}), as
 * the documents moto's test suite recorded as accepted show; such a key is simply never in a
 * request.
 */
final class ActionFormat {
  private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9.-]+");

  private ActionFormat() {}

  /** The AWS message for what is wrong with {@code action}, if anything. */
  static Optional<String> actionProblem(String action) {
    if (action.equals("*")) {
      return Optional.empty();
    }
    int colon = action.indexOf(':');
    if (colon <= 0) {
      return Optional.of(PolicyErrors.ACTION_WITHOUT_VENDOR);
    }
    if (action.indexOf(':', colon + 1) >= 0) {
      return Optional.of(PolicyErrors.ACTION_TOO_MANY_COLONS);
    }
    String vendor = action.substring(0, colon);
    if (!VENDOR.matcher(vendor).matches()) {
      return Optional.of(PolicyErrors.invalidVendor(vendor));
    }
    return Optional.empty();
  }
}
