package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Shorthands for tests of {@link PolicyParser}. */
final class ParseAssertions {
  private ParseAssertions() {}

  /** Parses {@code json}, failing the test unless it is well-formed. */
  static PolicyDocument parsed(String json, PolicyKind kind) {
    ParseResult result = PolicyParser.parse(json, kind);
    if (result instanceof ParseResult.Malformed) {
      ParseResult.Malformed malformed = (ParseResult.Malformed) result;
      fail("expected a parsed document but got %s (%s)", malformed.message(), malformed.detail());
    }
    return ((ParseResult.Parsed) result).document();
  }

  /** Parses {@code json}, failing the test unless it is malformed; returns the AWS message. */
  static String malformedMessage(String json, PolicyKind kind) {
    ParseResult result = PolicyParser.parse(json, kind);
    assertThat(result).isInstanceOf(ParseResult.Malformed.class);
    ParseResult.Malformed malformed = (ParseResult.Malformed) result;
    assertThat(malformed.detail()).isNotBlank();
    return malformed.message();
  }

  /** An identity policy with one statement whose body is {@code statementBody}. */
  static String identity(String statementBody) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{" + statementBody + "}]}";
  }
}
