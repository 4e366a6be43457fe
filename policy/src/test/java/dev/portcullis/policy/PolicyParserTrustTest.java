package dev.portcullis.policy;

import static dev.portcullis.policy.ParseAssertions.malformedMessage;
import static dev.portcullis.policy.ParseAssertions.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTrustTest {

  private static String trust(String statementBody) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
        + statementBody
        + "}]}";
  }

  @Test
  void parse_whenServiceMayAssumeRole_returnsTheServicePrincipal() {
    String json =
        """
        {
          "Version": "2012-10-17",
          "Statement": {
            "Effect": "Allow",
            "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
            "Action": "sts:AssumeRole"
          }
        }
        """;

    Statement statement = parsed(json, PolicyKind.TRUST).statements().get(0);

    assertThat(statement.resources()).isEmpty();
    PrincipalElement principal = statement.principal().orElseThrow();
    assertThat(principal.negated()).isFalse();
    assertThat(principal.principal())
        .isEqualTo(
            new Principal.Named(
                Map.of(
                    PrincipalType.SERVICE, List.of("ec2.amazonaws.com", "lambda.amazonaws.com"))));
  }

  @Test
  void parse_whenAccountsAndRolesMayAssumeRole_acceptsAccountIdsAndArns() {
    String json =
        trust(
            "\"Principal\": {\"AWS\": [\"123456789012\", \"arn:aws:iam::210987654321:root\","
                + " \"arn:aws:iam::210987654321:role/ci/deployer\","
                + " \"arn:aws:sts::210987654321:assumed-role/admin/alice\"]},"
                + " \"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"],"
                + " \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"Unguessable1\"}}");

    Principal.Named named =
        (Principal.Named)
            parsed(json, PolicyKind.TRUST)
                .statements()
                .get(0)
                .principal()
                .orElseThrow()
                .principal();

    assertThat(named.valuesOf(PrincipalType.AWS)).hasSize(4);
    assertThat(named.valuesOf(PrincipalType.SERVICE)).isEmpty();
  }

  @Test
  void parse_whenWebIdentityProviderMayAssumeRole_acceptsFederatedPrincipal() {
    String json =
        trust(
            "\"Principal\": {\"Federated\":"
                + " \"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\"},"
                + " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\":"
                + " {\"token.actions.githubusercontent.com:sub\": \"repo:org/*\"}}");

    assertThat(parsed(json, PolicyKind.TRUST).statements()).hasSize(1);
  }

  @Test
  void parse_whenEveryoneMayAssumeRole_readsAnyonePrincipal() {
    PolicyDocument document =
        parsed(trust("\"Principal\": \"*\", \"Action\": \"sts:AssumeRole\""), PolicyKind.TRUST);

    assertThat(document.statements().get(0).principal().orElseThrow().principal())
        .isEqualTo(new Principal.Anyone());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sts:AssumeRole*", "sts:*", "STS:assumerolewithsaml", "sts:SetSourceIdentity"})
  void parse_whenTrustActionAssumesRole_acceptsIt(String action) {
    String json =
        trust("\"Principal\": {\"AWS\": \"123456789012\"}, \"Action\": \"" + action + "\"");

    assertThat(parsed(json, PolicyKind.TRUST).statements().get(0).actions().actions())
        .containsExactly(action);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:GetObject", "*", "sts:GetCallerIdentity", "sts:Get*"})
  void parse_whenTrustActionIsNotRoleAssumption_reportsStsActionsOnly(String action) {
    String json =
        trust("\"Principal\": {\"AWS\": \"123456789012\"}, \"Action\": \"" + action + "\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo("AssumeRole policy may only specify STS AssumeRole actions.");
  }

  @Test
  void parse_whenTrustPolicyHasNoPrincipal_reportsMissingPrincipal() {
    assertThat(malformedMessage(trust("\"Action\": \"sts:AssumeRole\""), PolicyKind.TRUST))
        .isEqualTo("Missing required field Principal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Resource", "NotResource"})
  void parse_whenTrustPolicyHasResource_reportsProhibitedField(String element) {
    String json =
        trust(
            "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\","
                + " \""
                + element
                + "\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo("Has prohibited field " + element);
  }

  @Test
  void parse_whenTrustPolicyHasNotPrincipal_reportsProhibitedField() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\","
            + " \"NotPrincipal\": {\"AWS\": \"123456789012\"}, \"Action\": \"sts:AssumeRole\"}]}";

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo("Has prohibited field NotPrincipal");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Service | ec2.amazonaws.com.cn | SERVICE",
        "Service | codepipeline | SERVICE",
        "AWS | arn:aws:iam::123456789012:role/* | AWS",
        "AWS | 12345 | AWS",
        "AWS | bob | AWS",
        "Federated | arn:aws:iam::123456789012:user/bob | FEDERATED",
        "CanonicalUser | not-hex | CANONICAL_USER"
      })
  void parse_whenPrincipalValueIsMalformed_reportsInvalidPrincipal(
      String type, String value, String errorName) {
    String json =
        trust(
            "\"Principal\": {\"" + type + "\": \"" + value + "\"}, \"Action\": \"sts:AssumeRole\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo("Invalid principal in policy: \"" + errorName + "\":\"" + value + "\"");
  }

  @Test
  void parse_whenPrincipalTypeIsUnknown_reportsInvalidPrincipal() {
    String json = trust("\"Principal\": {\"User\": \"bob\"}, \"Action\": \"sts:AssumeRole\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo("Invalid principal in policy: \"User\":\"bob\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"AWS\": []}"})
  void parse_whenPrincipalNamesNobody_reportsNoPrincipals(String principal) {
    String json = trust("\"Principal\": " + principal + ", \"Action\": \"sts:AssumeRole\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST)).isEqualTo(PolicyErrors.NO_PRINCIPALS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"arn:aws:iam::123456789012:root\"", "[\"*\"]", "42"})
  void parse_whenPrincipalIsNeitherStarNorObject_reportsSyntaxErrors(String principal) {
    String json = trust("\"Principal\": " + principal + ", \"Action\": \"sts:AssumeRole\"");

    assertThat(malformedMessage(json, PolicyKind.TRUST)).isEqualTo(PolicyErrors.SYNTAX);
  }

  @Test
  void parse_whenTrustSidHasSpaces_reportsSidMustBeAlphanumeric() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Let CI in\", \"Effect\":"
            + " \"Allow\", \"Principal\": {\"AWS\": \"123456789012\"}, \"Action\":"
            + " \"sts:AssumeRole\"}]}";

    assertThat(malformedMessage(json, PolicyKind.TRUST))
        .isEqualTo(PolicyErrors.SID_NOT_ALPHANUMERIC);
  }
}
