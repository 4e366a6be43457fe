package dev.portcullis.policy;

import static dev.portcullis.policy.ParseAssertions.identity;
import static dev.portcullis.policy.ParseAssertions.malformedMessage;
import static dev.portcullis.policy.ParseAssertions.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserIdentityTest {

  @Test
  void parse_whenIdentityPolicyIsValid_returnsItsStatements() {
    String json =
        """
        {
          "Version": "2012-10-17",
          "Id": "ReadReports",
          "Statement": [
            {
              "Sid": "ReadReports",
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:List*"],
              "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
            },
            {
              "Effect": "Deny",
              "NotAction": "iam:*",
              "NotResource": "arn:aws:iam::123456789012:user/${aws:username}"
            }
          ]
        }
        """;

    PolicyDocument document = parsed(json, PolicyKind.IDENTITY);

    assertThat(document.version()).isEqualTo(PolicyVersion.V2012_10_17);
    assertThat(document.id()).contains("ReadReports");
    assertThat(document.statements()).hasSize(2);
    Statement read = document.statements().get(0);
    assertThat(read.sid()).contains("ReadReports");
    assertThat(read.effect()).isEqualTo(Effect.ALLOW);
    assertThat(read.principal()).isEmpty();
    assertThat(read.actions())
        .isEqualTo(new ActionElement(false, List.of("s3:GetObject", "s3:List*")));
    assertThat(read.resources())
        .contains(
            new ResourceElement(false, List.of("arn:aws:s3:::reports", "arn:aws:s3:::reports/*")));
    assertThat(read.conditions()).isEmpty();
    Statement deny = document.statements().get(1);
    assertThat(deny.effect()).isEqualTo(Effect.DENY);
    assertThat(deny.sid()).isEmpty();
    assertThat(deny.actions()).isEqualTo(new ActionElement(true, List.of("iam:*")));
    assertThat(deny.resources().orElseThrow().negated()).isTrue();
  }

  @Test
  void parse_whenStatementIsASingleObject_readsOneStatement() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\":"
            + " {\"Effect\": \"Allow\", \"Action\": \"ec2:Describe*\", \"Resource\": \"*\"}}";

    PolicyDocument document = parsed(json, PolicyKind.IDENTITY);

    assertThat(document.statements())
        .singleElement()
        .satisfies(s -> assertThat(s.actions().actions()).containsExactly("ec2:Describe*"));
  }

  @Test
  void parse_whenValuesAreSingleStrings_readsThemAsOneElementLists() {
    PolicyDocument document =
        parsed(
            identity("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\""),
            PolicyKind.IDENTITY);

    Statement statement = document.statements().get(0);
    assertThat(statement.actions().actions()).containsExactly("s3:*");
    assertThat(statement.resources().orElseThrow().resources()).containsExactly("*");
  }

  @Test
  void parse_whenVersionIs2008_acceptsTheOlderLanguage() {
    String json =
        "{\"Version\": \"2008-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
            + " \"s3:*\", \"Resource\": \"*\"}]}";

    PolicyDocument document = parsed(json, PolicyKind.IDENTITY);

    assertThat(document.declaredVersion()).contains(PolicyVersion.V2008_10_17);
    assertThat(document.version().supportsPolicyVariables()).isFalse();
  }

  @Test
  void parse_whenVersionIsMissing_treatsTheDocumentAs2008() {
    String json =
        "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}";

    PolicyDocument document = parsed(json, PolicyKind.IDENTITY);

    assertThat(document.declaredVersion()).isEmpty();
    assertThat(document.version()).isEqualTo(PolicyVersion.V2008_10_17);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Version\": \"2008-10-17\",", ""})
  void parse_whenManagedPolicyIsNot2012_reportsVersionTooOld(String version) {
    String json =
        "{"
            + version
            + " \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\":"
            + " \"*\"}]}";

    assertThat(malformedMessage(json, PolicyKind.MANAGED))
        .isEqualTo("Policy document must be version 2012-10-17 or greater.");
  }

  @Test
  void parse_whenManagedPolicyIs2012_acceptsIt() {
    String json = identity("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"");

    assertThat(parsed(json, PolicyKind.MANAGED).statements()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Principal", "NotPrincipal"})
  void parse_whenIdentityPolicyNamesAPrincipal_reportsPrincipalNotAllowed(String element) {
    String json =
        identity(
            "\"Effect\": \"Deny\", \""
                + element
                + "\": {\"AWS\": \"123456789012\"},"
                + " \"Action\": \"s3:*\", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY))
        .isEqualTo("Policy document should not specify a principal.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"allow", "ALLOW", "deny"})
  void parse_whenEffectHasWrongCase_reportsFailedLegacyParsing(String effect) {
    String json =
        identity("\"Effect\": \"" + effect + "\", \"Action\": \"*\", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY))
        .isEqualTo("The policy failed legacy parsing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yesterday", "2024-13-01", "2024-01-01T25:00:00Z", "99999999999999999999"})
  void parse_whenDateConditionValueIsUnreadable_reportsFailedLegacyParsing(String date) {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \""
                + date
                + "\"}}");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.LEGACY_PARSING);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024",
        "2024-06-30",
        "2024-06-30T23:59:59Z",
        "2024-06-30T12:00:00.123+02:00",
        "1719791999"
      })
  void parse_whenDateConditionValueIsIsoOrEpoch_acceptsIt(String date) {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \""
                + date
                + "\"}}");

    assertThat(parsed(json, PolicyKind.IDENTITY).statements()).hasSize(1);
  }

  @Test
  void parse_whenSidsRepeat_reportsSidsMustBeUnique() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Same\", \"Effect\": \"Allow\","
            + " \"Action\": \"s3:*\", \"Resource\": \"*\"},{\"Sid\": \"Same\", \"Effect\":"
            + " \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"}]}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY))
        .isEqualTo("Statement IDs (SID) in a single policy must be unique.");
  }

  @Test
  void parse_whenSidsAreEmpty_doesNotTreatThemAsDuplicates() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": ["
            + "{\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
            + "{\"Sid\": \"\", \"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"}]}";

    assertThat(parsed(json, PolicyKind.IDENTITY).statements().get(0).sid()).contains("");
  }

  @ParameterizedTest
  @ValueSource(strings = {"autogenerated-id", "Allow reading", "Read_Reports"})
  void parse_whenSidIsNotAlphanumeric_reportsSidMustBeAlphanumeric(String sid) {
    String json =
        identity(
            "\"Sid\": \""
                + sid
                + "\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.MANAGED))
        .isEqualTo(
            "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the"
                + " regular expression [0-9A-Za-z]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Resource\": \"*\"", "\"Action\": [], \"Resource\": \"*\""})
  void parse_whenStatementHasNoActions_reportsMustContainActions(String body) {
    assertThat(malformedMessage(identity("\"Effect\": \"Allow\", " + body), PolicyKind.IDENTITY))
        .isEqualTo("Policy statement must contain actions.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Action\": \"s3:*\"", "\"Action\": \"s3:*\", \"Resource\": []"})
  void parse_whenStatementHasNoResources_reportsMustContainResources(String body) {
    assertThat(malformedMessage(identity("\"Effect\": \"Allow\", " + body), PolicyKind.IDENTITY))
        .isEqualTo("Policy statement must contain resources.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "my-bucket | Resource my-bucket must be in ARN format or \"*\".",
        "s3:::my-bucket | Partition \"\" is not valid for resource \"arn:::my-bucket:*:*\".",
        "arn:${ARN_PARTITION}:s3:::b | Partition \"${ARN_PARTITION}\" is not valid for resource"
            + " \"arn:${ARN_PARTITION}:s3:::b\".",
        "arn:foo | Partition \"foo\" is not valid for resource \"arn:foo:*:*:*:*\".",
        "arn:aws | Resource vendor must be fully qualified and cannot contain regexes.",
        "arn:aws:iam:us-east-1:123456789012:role/x | IAM resource"
            + " arn:aws:iam:us-east-1:123456789012:role/x cannot contain region information.",
        "arn:aws:s3:eu-west-1::bucket | Resource arn:aws:s3:eu-west-1::bucket can not contain"
            + " region information."
      })
  void parse_whenResourceIsMalformed_reportsTheResourceProblem(String resource, String message) {
    String json =
        identity("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"" + resource + "\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GetObject | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
        "s3:Get:Object | Actions/Condition can contain only one colon.",
        "s3 bucket:GetObject | Vendor s3 bucket is not valid"
      })
  void parse_whenActionIsMalformed_reportsTheActionProblem(String action, String message) {
    String json =
        identity("\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"");

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(message);
  }

  @Test
  void parse_whenConditionKeyHasNoVendor_acceptsIt() {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"username\": \"bob\"}}");

    assertThat(parsed(json, PolicyKind.MANAGED).statements().get(0).conditions())
        .extracting(Condition::key)
        .containsExactly("username");
  }

  @Test
  void parse_whenResourceIsMalformedAndActionsAreMissing_reportsMissingActionsFirst() {
    String json =
        "{\"Version\": \"2012-10-17\", \"Statement\": ["
            + "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"bucket\"},"
            + "{\"Effect\": \"Allow\", \"Resource\": \"*\"}]}";

    assertThat(malformedMessage(json, PolicyKind.IDENTITY)).isEqualTo(PolicyErrors.MISSING_ACTIONS);
  }

  @Test
  void parse_whenConditionIsPresent_readsEveryOperatorAndKey() {
    String json =
        """
        {
          "Version": "2012-10-17",
          "Statement": {
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::uploads/${aws:username}/*",
            "Condition": {
              "Bool": {"aws:SecureTransport": true},
              "NumericLessThanEquals": {"s3:max-keys": 10.50},
              "ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["team", "cost-*"]},
              "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}
            }
          }
        }
        """;

    List<Condition> conditions = parsed(json, PolicyKind.IDENTITY).statements().get(0).conditions();

    assertThat(conditions)
        .containsExactly(
            new Condition(
                new ConditionOperator(SetQualifier.NONE, BaseOperator.BOOL, false),
                "aws:SecureTransport",
                List.of(new ConditionValue("true", ConditionValue.Type.BOOLEAN))),
            new Condition(
                new ConditionOperator(
                    SetQualifier.NONE, BaseOperator.NUMERIC_LESS_THAN_EQUALS, false),
                "s3:max-keys",
                List.of(new ConditionValue("10.50", ConditionValue.Type.NUMBER))),
            new Condition(
                new ConditionOperator(SetQualifier.FOR_ALL_VALUES, BaseOperator.STRING_LIKE, true),
                "aws:TagKeys",
                List.of(ConditionValue.string("team"), ConditionValue.string("cost-*"))),
            new Condition(
                new ConditionOperator(SetQualifier.NONE, BaseOperator.IP_ADDRESS, false),
                "aws:SourceIp",
                List.of(ConditionValue.string("203.0.113.0/24"))));
  }

  @Test
  void parse_whenConditionElementIsEmpty_readsNoConditions() {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {}");

    assertThat(parsed(json, PolicyKind.IDENTITY).statements().get(0).conditions()).isEmpty();
  }

  @Test
  void parse_whenActionsUseWildcardsAndPartitionIsWildcard_acceptsThem() {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": [\"*\", \"ec2:*\", \"s3:Get?bject\","
                + " \"execute-api:Invoke\"], \"Resource\": [\"arn:*:s3:::b/*\","
                + " \"arn:*:ec2:*:*:instance/*\", \"arn:aws:iam::*:role/*\"]");

    assertThat(parsed(json, PolicyKind.IDENTITY).statements().get(0).resources())
        .isNotEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:s3:us-west-2:123456789012:accesspoint/reports",
        "arn:aws:s3:us-west-2:123456789012:accesspoint/reports/object/2024/*",
        "arn:aws:s3:*:123456789012:accesspoint/*",
        "arn:aws:s3:us-west-2:*:accesspoint/reports/object/*",
        "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap",
        "arn:aws:s3-object-lambda:us-west-2:123456789012:accesspoint/redacted",
        "arn:aws:s3:us-east-1:123456789012:storage-lens/default",
        "arn:aws:s3:*:123456789012:job/*"
      })
  void parse_whenS3ArnOfARegionalResourceHasRegionAndAccount_acceptsIt(String resource) {
    String json =
        identity("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"" + resource + "\"");

    assertThat(parsed(json, PolicyKind.MANAGED).statements().get(0).resources().orElseThrow())
        .isEqualTo(new ResourceElement(false, List.of(resource)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:s3:us-west-2::accesspoint/reports",
        "arn:aws:s3:us-west-2:123456789012:bucket/reports",
        "arn:aws:s3:*:123456789012"
      })
  void parse_whenS3ArnWithRegionIsNotARegionalResource_reportsRegionInformation(String resource) {
    String json =
        identity("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"" + resource + "\"");

    assertThat(malformedMessage(json, PolicyKind.MANAGED))
        .isEqualTo("Resource " + resource + " can not contain region information.");
  }

  @Test
  void parse_whenConditionOperatorIsUnknownButEmpty_ignoresIt() {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                + " \"Condition\": {\"x\": {}, \"StringEquals\": {\"aws:username\": []}}");

    assertThat(parsed(json, PolicyKind.MANAGED).statements().get(0).conditions())
        .containsExactly(
            new Condition(
                ConditionOperator.parse("StringEquals").orElseThrow(), "aws:username", List.of()));
  }

  /** Resources and actions AWS stored in the documents moto's test suite recorded as accepted. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "s3:ListBucket | arn:aws:fdsasf",
        "s3:ListBucket | arn:aws:s33:::example_bucket",
        "s3:ListBucket | arn:aws:iam:::user/example_bucket",
        "s3:ListBucket | arn:aws:cloudwatch:us-east-1::example_bucket",
        "rds:* | arn:aws:rds:region:*:*",
        "ec2:StartInstances | arn:aws:ec2:region:account-id:instance/*",
        "s3:GetObject | arn:aws:s3:::bucket/cognito/app/${cognito-identity.amazonaws.com:sub}/*",
        "iam:ChangePassword | arn:aws:iam::*:user/${aws:username}",
        "s3-s:ListBucket | *",
        "s3.s:ListBucket | *",
        "iam: asdf safdsf af  | *"
      })
  void parse_whenValuesAreOnesAwsAccepted_acceptsThem(String action, String resource) {
    String json =
        identity(
            "\"Effect\": \"Allow\", \"Action\": \""
                + action
                + "\", \"Resource\": \""
                + resource
                + "\"");

    assertThat(parsed(json, PolicyKind.MANAGED).statements()).hasSize(1);
  }
}
