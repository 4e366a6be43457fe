package dev.portcullis.policy;

/**
 * Carries a {@link ParseResult.Malformed} out of the depths of the reader. It never leaves this
 * package: {@link PolicyParser} turns it back into a result.
 */
final class MalformedPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ParseResult.Malformed malformed;

  MalformedPolicyException(String message, String detail) {
    super(detail, null, false, false);
    this.malformed = new ParseResult.Malformed(message, detail);
  }

  /** A document that does not follow the policy grammar. */
  static MalformedPolicyException syntax(String detail) {
    return new MalformedPolicyException(PolicyErrors.SYNTAX, detail);
  }

  ParseResult.Malformed malformed() {
    return malformed;
  }
}
