package dev.portcullis.policy;

import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link PolicyParser#parse}: a policy document, or why it is malformed. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Malformed {

  /** The parsed document, when there is one. */
  Optional<PolicyDocument> parsed();

  /** A well-formed policy document. */
  record Parsed(PolicyDocument document) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(document, "document");
    }

    @Override
    public Optional<PolicyDocument> parsed() {
      return Optional.of(document);
    }
  }

  /**
   * A malformed document. {@code message} is exactly what AWS IAM answers in its {@code
   * MalformedPolicyDocument} error; {@code detail} says precisely what and where the problem is,
   * for logs and for operators, and is never shown as the AWS message.
   */
  record Malformed(String message, String detail) implements ParseResult {
    public Malformed {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public Optional<PolicyDocument> parsed() {
      return Optional.empty();
    }
  }
}
