package dev.portcullis.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/** The checks AWS makes on each Action and NotAction value, and on condition keys. */
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

  /**
   * The AWS message for a condition key without a service prefix. Keys may hold further colons (tag
   * keys and OIDC provider URLs do), so only the prefix is checked.
   */
  static Optional<String> conditionKeyProblem(String key) {
    return key.indexOf(':') <= 0
        ? Optional.of(PolicyErrors.ACTION_WITHOUT_VENDOR)
        : Optional.empty();
  }
}
