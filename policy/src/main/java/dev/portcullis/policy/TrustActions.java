package dev.portcullis.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The STS actions a role trust policy may name: those that assume a role, and their companions. */
final class TrustActions {
  private static final List<String> ALLOWED =
      List.of(
          "assumerole",
          "assumerolewithsaml",
          "assumerolewithwebidentity",
          "tagsession",
          "setsourceidentity",
          "setcontext");

  private TrustActions() {}

  /**
   * Whether {@code action} is {@code sts:} followed by one of the allowed names, or by a wildcard
   * pattern matching at least one of them, such as {@code sts:AssumeRole*}. Action names are
   * case-insensitive.
   */
  static boolean isRoleAssumption(String action) {
    String lower = action.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("sts:")) {
      return false;
    }
    Pattern pattern = glob(lower.substring("sts:".length()));
    return ALLOWED.stream().anyMatch(name -> pattern.matcher(name).matches());
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
  }
}
