package dev.portcullis.policy;

import static dev.portcullis.policy.ParseAssertions.identity;
import static dev.portcullis.policy.ParseAssertions.malformedMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserSyntaxTest {
  private static final String ALLOW_ALL =
      "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"";

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{", "not json", "[]", "\"text\"", "42", "null"})
  void parse_whenNotAJsonObject_reportsSyntaxErrors(String json) {
    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo("Syntax errors in policy.");
  }

  @Test
  void parse_whenInputIsNull_reportsSyntaxErrors() {
    assertThat(malformedMessage(null, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenStatementHasDuplicateKey_reportsSyntaxErrors() {
    String json = identity(ALLOW_ALL + ", \"Effect\": \"Deny\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenTopLevelKeyIsRepeated_reportsSyntaxErrors() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Version\": \"2012-10-17\", \"Statement\": {"
            + ALLOW_ALL
            + "}}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenContentFollowsTheDocument_reportsSyntaxErrors() {
    assertThat(malformedMessage(identity(ALLOW_ALL) + " {}", PolicyKind.IDENTITY))
        .isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenTopLevelFieldIsUnknown_reportsSyntaxErrors() {
    String json = "{\"Version\": \"2012-10-17\", \"Statements\": [{" + ALLOW_ALL + "}]}";

    ParseResult.Malformed result =
        (ParseResult.Malformed) PolicyParser.parse(json, PolicyKind.IDENTITY);

    assertThat(result.message()).isEqualTo(PolicyErrors.SYNTAX);
    assertThat(result.detail()).contains("unknown field Statements");
  }

  @Test
  void parse_whenTopLevelFieldHasWrongCase_reportsSyntaxErrors() {
    String json = "{\"version\": \"2012-10-17\", \"Statement\": [{" + ALLOW_ALL + "}]}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenStatementFieldIsUnknown_reportsSyntaxErrors() {
    ParseResult.Malformed result =
        (ParseResult.Malformed)
            PolicyParser.parse(
                identity(ALLOW_ALL + ", \"Actions\": \"s3:*\""), PolicyKind.IDENTITY);

    assertThat(result.message()).isEqualTo(PolicyErrors.SYNTAX);
    assertThat(result.detail()).isEqualTo("unknown field Actions in Statement[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2012-10-18\"", "\"2012\"", "\"\"", "20121017", "null"})
  void parse_whenVersionIsUnknown_reportsSyntaxErrors(String version) {
    String json = "{\"Version\": " + version + ", \"Statement\": {" + ALLOW_ALL + "}}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenStatementIsMissing_reportsSyntaxErrors() {
    assertThat(malformedMessage("{\"Version\": \"2012-10-17\"}", PolicyKind.IDENTITY))
        .isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenStatementArrayIsEmpty_reportsSyntaxErrors() {
    assertThat(
            malformedMessage(
                "{\"Version\": \"2012-10-17\", \"Statement\": []}", PolicyKind.IDENTITY))
        .isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenStatementIsAString_reportsSyntaxErrors() {
    String json = "{\"Version\": \"2012-10-17\", \"Statement\": \"Allow everything\"}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenEffectMissing_reportsSyntaxErrors() {
    ParseResult.Malformed result =
        (ParseResult.Malformed)
            PolicyParser.parse(
                identity("\"Action\": \"*\", \"Resource\": \"*\""), PolicyKind.IDENTITY);

    assertThat(result.message()).isEqualTo("Syntax errors in policy.");
    assertThat(result.detail()).isEqualTo("missing required field Effect in Statement[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Permit\"", "\"\"", "true", "[\"Allow\"]"})
  void parse_whenEffectIsNotAllowOrDeny_reportsSyntaxErrors(String effect) {
    String json = identity("\"Effect\": " + effect + ", \"Action\": \"*\", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenBothActionAndNotAction_reportsSyntaxErrors() {
    String json = identity(ALLOW_ALL + ", \"NotAction\": \"iam:*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenBothResourceAndNotResource_reportsSyntaxErrors() {
    String json = identity(ALLOW_ALL + ", \"NotResource\": \"arn:aws:s3:::secret/*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "[\"s3:GetObject\", 42]", "{\"s3\": \"GetObject\"}", "null"})
  void parse_whenActionIsNotStringOrStrings_reportsSyntaxErrors(String action) {
    String json =
        identity("\"Effect\": \"Allow\", \"Action\": " + action + ", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenConditionOperatorIsUnknown_reportsSyntaxErrors() {
    String json =
        identity(ALLOW_ALL + ", \"Condition\": {\"StringEqual\": {\"aws:username\": \"bob\"}}");

    ParseResult.Malformed result =
        (ParseResult.Malformed) PolicyParser.parse(json, PolicyKind.IDENTITY);

    assertThat(result.message()).isEqualTo(PolicyErrors.SYNTAX);
    assertThat(result.detail()).contains("unknown condition operator StringEqual");
  }

  @Test
  void parse_whenConditionLacksOperator_reportsSyntaxErrors() {
    String json =
        identity(ALLOW_ALL + ", \"Condition\": {\"servicecatalog:accountLevel\": \"self\"}");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": 1}", "null", "[[\"nested\"]]"})
  void parse_whenConditionValueIsNotScalar_reportsSyntaxErrors(String value) {
    String json =
        identity(
            ALLOW_ALL + ", \"Condition\": {\"StringEquals\": {\"aws:username\": " + value + "}}");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenSidIsNotAString_reportsSyntaxErrors() {
    assertThat(malformedMessage(identity("\"Sid\": 1, " + ALLOW_ALL), PolicyKind.IDENTITY))
        .isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenSyntaxErrorFollowsLegacyProblem_reportsSyntaxErrorsFirst() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": ["
            + "{\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
            + "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Bogus\": 1}]}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.SYNTAX);
  }
}
