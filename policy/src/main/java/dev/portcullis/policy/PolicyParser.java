package dev.portcullis.policy;

/**
 * Parses and validates policy documents the way AWS IAM does when a policy is written. It never
 * throws on bad input: every problem becomes a {@link ParseResult.Malformed} carrying the message
 * AWS answers. Size quotas are the caller's to check, with {@link PolicyText}.
 */
public final class PolicyParser {
  private PolicyParser() {}

  /**
   * Parses {@code json} as a policy of the given kind.
   *
   * <p>Checks run in AWS's order and the first failure is reported: JSON syntax and the policy
   * grammar; where Resource and Principal may appear; the Version of managed policies; values the
   * legacy parser rejects (Effect case, dates, resources with fields run together); Sids; that
   * actions and resources are present; then the format of resources, actions and principals; and,
   * for trust policies, that every action assumes a role. The malformed-policy corpus in the tests
   * records AWS's answer, and its source, for each rule.
   */
  public static ParseResult parse(String json, PolicyKind kind) {
    if (kind == null) {
      throw new NullPointerException("kind");
    }
    try {
      DocumentReader.Reading reading = DocumentReader.read(json);
      PolicyValidator.validate(reading, kind);
      return new ParseResult.Parsed(reading.document());
    } catch (MalformedPolicyException e) {
      return e.malformed();
    }
  }
}
