package dev.portcullis.policy;

/** Measurements IAM takes of a policy document's text, before and apart from parsing it. */
public final class PolicyText {
  private PolicyText() {}

  /**
   * The number of characters IAM counts against its policy size quotas. IAM does not count white
   * space, and it does not distinguish white space that formats the JSON from white space inside
   * string values: every character for which {@link Character#isWhitespace(int)} holds is left out,
   * wherever it is. Of the characters a policy may contain (see {@link
   * #hasOnlyPermittedCharacters}) these are space, tab, line feed and carriage return. Characters
   * are counted as code points.
   */
  public static int nonWhitespaceLength(String json) {
    return (int) json.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  /**
   * Whether {@code json} holds only the characters IAM accepts in a policy document: tab, line
   * feed, carriage return and U+0020 to U+00FF. AWS rejects other characters as a validation error
   * of the request parameter, before it reads the policy.
   */
  public static boolean hasOnlyPermittedCharacters(String json) {
    return json.chars()
        .allMatch(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF));
  }
}
