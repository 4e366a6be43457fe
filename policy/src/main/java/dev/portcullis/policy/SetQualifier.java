package dev.portcullis.policy;

/**
 * How a condition treats a multivalued key: the {@code ForAnyValue:}/{@code ForAllValues:} prefix.
 */
public enum SetQualifier {
  /** No prefix: the key is compared as a single value. */
  NONE(""),
  /** {@code ForAnyValue:}: at least one of the request's values must match. */
  FOR_ANY_VALUE("ForAnyValue:"),
  /** {@code ForAllValues:}: every one of the request's values must match. */
  FOR_ALL_VALUES("ForAllValues:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix as written in a document; empty for {@link #NONE}. */
  public String prefix() {
    return prefix;
  }
}
