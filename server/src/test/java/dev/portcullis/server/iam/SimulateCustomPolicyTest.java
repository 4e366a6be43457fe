package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

class SimulateCustomPolicyTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  /** AWS's own example, with the positions AWS answers for it (1:38 to 1:167). */
  private static final String DYNAMO_AFTER = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\",\"Condition\":"
      + "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
  private static final String S3_WITH_DENY = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
          {
            "Sid": "NoDelete",
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
          }
        ]
      }""";
  private static final String FROM_OFFICE = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
      + "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}";
  private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";

  private final IamClient iam = SERVER.adminIam();

  private static ContextEntry entry(String key, ContextKeyTypeEnum type, String... values) {
    return ContextEntry.builder().contextKeyName(key).contextKeyType(type)
        .contextKeyValues(values).build();
  }

  @Test
  void simulateCustomPolicy_withCallerArn_fillsInNeitherPrincipalAccountNorPrincipalType() {
    String caller = "arn:aws:iam::" + SERVER.accountId() + ":user/sim-caller";
    for (String key : List.of("aws:PrincipalAccount", "aws:PrincipalType")) {
      String value = key.equals("aws:PrincipalType") ? "User" : SERVER.accountId();
      String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{"
          + "\"StringEquals\":{\"" + key + "\":\"" + value + "\"}}}}";

      EvaluationResult absent = iam.simulateCustomPolicy(b -> b.policyInputList(policy)
          .callerArn(caller).actionNames("s3:GetObject")).evaluationResults().get(0);
      EvaluationResult given = iam.simulateCustomPolicy(b -> b.policyInputList(policy)
          .callerArn(caller).actionNames("s3:GetObject")
          .contextEntries(entry(key, ContextKeyTypeEnum.STRING, value)))
          .evaluationResults().get(0);

      assertThat(absent.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
      assertThat(absent.missingContextValues()).containsExactly(key);
      assertThat(given.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
      assertThat(given.missingContextValues()).isEmpty();
    }
  }

  @Test
  void simulateCustomPolicy_whenDateConditionHolds_isAllowedWithAwsPositions() {
    SimulateCustomPolicyResponse r = iam.simulateCustomPolicy(b -> b
        .policyInputList(DYNAMO_AFTER).actionNames("dynamodb:CreateBackup")
        .contextEntries(entry("aws:CurrentTime", ContextKeyTypeEnum.DATE,
            "2019-04-25T11:00:00Z")));

    EvaluationResult result = r.evaluationResults().get(0);
    assertThat(result.evalActionName()).isEqualTo("dynamodb:CreateBackup");
    assertThat(result.evalResourceName()).isEqualTo("*");
    assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    Statement s = result.matchedStatements().get(0);
    assertThat(s.sourcePolicyId()).isEqualTo("PolicyInputList.1");
    assertThat(s.sourcePolicyTypeAsString()).isEqualTo("none");
    assertThat(List.of(s.startPosition().line(), s.startPosition().column(),
        s.endPosition().line(), s.endPosition().column())).containsExactly(1, 38, 1, 167);
    assertThat(result.missingContextValues()).isEmpty();
    assertThat(result.hasResourceSpecificResults()).isFalse();
    assertThat(r.isTruncated()).isFalse();
  }

  @Test
  void simulateCustomPolicy_whenDateConditionFails_isImplicitlyDeniedWithNoStatements() {
    EvaluationResult result = iam.simulateCustomPolicy(b -> b.policyInputList(DYNAMO_AFTER)
        .actionNames("dynamodb:CreateBackup").contextEntries(entry("aws:CurrentTime",
            ContextKeyTypeEnum.DATE, "2014-04-25T11:00:00Z"))).evaluationResults().get(0);

    assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(result.matchedStatements()).isEmpty();
  }

  @Test
  void simulateCustomPolicy_whenKeyIsNotGiven_reportsItMissing() {
    EvaluationResult result = iam.simulateCustomPolicy(b -> b.policyInputList(FROM_OFFICE)
        .actionNames("s3:GetObject")).evaluationResults().get(0);

    assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(result.missingContextValues()).containsExactly("aws:SourceIp");
  }

  @Test
  void simulateCustomPolicy_whenSourceIpIsGiven_decidesTheCondition() {
    SimulateCustomPolicyResponse r = iam.simulateCustomPolicy(b -> b.policyInputList(FROM_OFFICE)
        .actionNames("s3:GetObject").contextEntries(entry("aws:SourceIp",
            ContextKeyTypeEnum.IP, "10.1.2.3")));
    SimulateCustomPolicyResponse outside = iam.simulateCustomPolicy(b -> b
        .policyInputList(FROM_OFFICE).actionNames("s3:GetObject")
        .contextEntries(entry("aws:SourceIp", ContextKeyTypeEnum.IP, "192.168.0.1")));

    assertThat(r.evaluationResults().get(0).evalDecision())
        .isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(outside.evaluationResults().get(0).evalDecision())
        .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(outside.evaluationResults().get(0).missingContextValues()).isEmpty();
  }

  @Test
  void simulateCustomPolicy_whenMfaIsRequired_followsAwsMultiFactorAuthPresent() {
    String mfa = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:*\",\"Resource\":\"*\"},{\"Sid\":\"NoMfa\",\"Effect\":\"Deny\",\"Action\":"
        + "\"iam:Delete*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":"
        + "{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}";

    EvaluationResult without = iam.simulateCustomPolicy(b -> b.policyInputList(mfa)
        .actionNames("iam:DeleteUser").contextEntries(entry("aws:MultiFactorAuthPresent",
            ContextKeyTypeEnum.BOOLEAN, "false"))).evaluationResults().get(0);
    EvaluationResult with = iam.simulateCustomPolicy(b -> b.policyInputList(mfa)
        .actionNames("iam:DeleteUser").contextEntries(entry("aws:MultiFactorAuthPresent",
            ContextKeyTypeEnum.BOOLEAN, "true"))).evaluationResults().get(0);

    assertThat(without.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
    assertThat(without.matchedStatements()).extracting(Statement::startPosition)
        .extracting(p -> p.column()).containsExactly(90);
    assertThat(with.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
  }

  @Test
  void simulateCustomPolicy_whenDenyApplies_isExplicitDenyWithTheDenyStatementsLines() {
    SimulateCustomPolicyResponse r = iam.simulateCustomPolicy(b -> b
        .policyInputList(S3_WITH_DENY).actionNames("s3:GetObject", "s3:DeleteObject"));

    assertThat(r.evaluationResults()).extracting(EvaluationResult::evalDecision).containsExactly(
        PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY);
    Statement allow = r.evaluationResults().get(0).matchedStatements().get(0);
    Statement deny = r.evaluationResults().get(1).matchedStatements().get(0);
    assertThat(allow.startPosition().line()).isEqualTo(4);
    assertThat(allow.endPosition().line()).isEqualTo(4);
    assertThat(deny.startPosition().line()).isEqualTo(5);
    assertThat(deny.endPosition().line()).isEqualTo(10);
  }

  @Test
  void simulateCustomPolicy_whenBoundaryIsNarrower_isImplicitlyDeniedByIt() {
    SimulateCustomPolicyResponse r = iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .permissionsBoundaryPolicyInputList(PolicyDocs.READ_S3)
        .actionNames("s3:GetObject", "iam:CreateUser"));

    EvaluationResult read = r.evaluationResults().get(0);
    EvaluationResult create = r.evaluationResults().get(1);
    assertThat(read.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(read.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
    assertThat(read.matchedStatements()).extracting(Statement::sourcePolicyId)
        .containsExactly("PolicyInputList.1", "PermissionsBoundaryPolicyInputList.1");
    assertThat(create.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(create.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
        .isFalse();
  }

  @Test
  void simulateCustomPolicy_withSeveralResources_answersEachWithItsOwnResult() {
    String bucket = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Mine\",\"Effect\":"
        + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::mine/*\"}}";

    SimulateCustomPolicyResponse r = iam.simulateCustomPolicy(b -> b.policyInputList(bucket)
        .actionNames("s3:GetObject")
        .resourceArns("arn:aws:s3:::mine/a.txt", "arn:aws:s3:::theirs/b.txt"));

    assertThat(r.evaluationResults()).extracting(EvaluationResult::evalResourceName)
        .containsExactly("arn:aws:s3:::mine/a.txt", "arn:aws:s3:::theirs/b.txt");
    assertThat(r.evaluationResults()).extracting(EvaluationResult::evalDecision).containsExactly(
        PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    ResourceSpecificResult mine = r.evaluationResults().get(0).resourceSpecificResults().get(0);
    assertThat(mine.evalResourceName()).isEqualTo("arn:aws:s3:::mine/a.txt");
    assertThat(mine.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(mine.matchedStatements()).hasSize(1);
    assertThat(r.evaluationResults().get(0).evalDecisionDetails()).isEmpty();
  }

  @Test
  void simulateCustomPolicy_withResourceHandlingOption_groupsTheResourcesOfAnAction() {
    String ec2 = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
        + "\"ec2:RunInstances\",\"Resource\":[\"arn:aws:ec2:*:*:instance/*\","
        + "\"arn:aws:ec2:*:*:image/*\"]}}";

    EvaluationResult r = iam.simulateCustomPolicy(b -> b.policyInputList(ec2)
        .actionNames("ec2:RunInstances").resourceHandlingOption("EC2-VPC-InstanceStore")
        .resourceArns("arn:aws:ec2:us-east-1:123456789012:instance/*",
            "arn:aws:ec2:us-east-1::image/ami-1",
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1"))
        .evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.resourceSpecificResults()).extracting(
        ResourceSpecificResult::evalResourceDecision).containsExactly(
        PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.ALLOWED,
        PolicyEvaluationDecisionType.IMPLICIT_DENY);
  }

  @Test
  void simulateCustomPolicy_withResourcePolicyNamingTheCaller_allowsWithoutIdentityAllow() {
    String caller = "arn:aws:iam::" + SERVER.accountId() + ":user/reader";
    String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Bucket\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + caller + "\"},\"Action\":"
        + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}}";
    String nothing = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}}";

    EvaluationResult r = iam.simulateCustomPolicy(b -> b.policyInputList(nothing)
        .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::shared/x")
        .resourcePolicy(bucketPolicy).callerArn(caller)).evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(r.matchedStatements()).singleElement().satisfies(s -> {
      assertThat(s.sourcePolicyId()).isEqualTo("ResourcePolicy");
      assertThat(s.sourcePolicyTypeAsString()).isEqualTo("resource");
    });
  }

  @Test
  void simulateCustomPolicy_withResourceInAnotherAccount_needsBothSidesAndDetailsThem() {
    String caller = "arn:aws:iam::" + SERVER.accountId() + ":user/reader";
    String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"" + caller + "\"},\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::shared/*\"}}";
    String sqsOnly = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}}";

    EvaluationResult r = iam.simulateCustomPolicy(b -> b.policyInputList(sqsOnly)
        .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::shared/x")
        .resourcePolicy(bucketPolicy).callerArn(caller)
        .resourceOwner("arn:aws:iam::111122223333:root")).evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.evalDecisionDetailsAsStrings()).containsEntry("IAM Policy", "implicitDeny")
        .containsEntry("Resource Policy", "allowed");
  }

  @Test
  void simulateCustomPolicy_pagesThroughResults() {
    SimulateCustomPolicyResponse first = iam.simulateCustomPolicy(b -> b
        .policyInputList(ALLOW_ALL).actionNames("s3:GetObject", "s3:PutObject", "iam:GetUser")
        .maxItems(2));
    SimulateCustomPolicyResponse rest = iam.simulateCustomPolicy(b -> b
        .policyInputList(ALLOW_ALL).actionNames("s3:GetObject", "s3:PutObject", "iam:GetUser")
        .marker(first.marker()));

    assertThat(first.isTruncated()).isTrue();
    assertThat(first.evaluationResults()).extracting(EvaluationResult::evalActionName)
        .containsExactly("s3:GetObject", "s3:PutObject");
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.evaluationResults()).extracting(EvaluationResult::evalActionName)
        .containsExactly("iam:GetUser");
  }

  @Test
  void simulateCustomPolicy_whenPolicyIsMalformed_isMalformedPolicyDocument() {
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList("{\"Statement\":")
        .actionNames("s3:GetObject")), "MalformedPolicyDocument", 400);
  }

  @Test
  void simulateCustomPolicy_withMoreActionResourcePairsThanTheLimit_isInvalidInput() {
    // 2,000 action names and 2,000 ARNs fit in about 120 KiB but would be 4 million
    // evaluations, each kept for the answer: a read-only caller could exhaust the heap.
    List<String> actions = numbered("s3:GetObject", 101);
    List<String> resources = numbered("arn:aws:s3:::bucket/key", 100);

    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames(actions).resourceArns(resources)), "InvalidInput", 400,
        "The simulation of 101 actions on 100 resources is 10100 evaluations; a request may "
        + "ask for at most 10000.");
    assertThat(iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames(actions.subList(0, 100)).resourceArns(resources).maxItems(1))
        .evaluationResults()).hasSize(1);
  }

  @Test
  void simulateCustomPolicy_withTooManyStatementsOrContextValuesForItsEvaluations_isInvalidInput() {
    // Each evaluation reads every statement and copies every context value: 10,000
    // evaluations of a 1 MiB request's thousands of them took seconds of CPU per request.
    List<String> actions = numbered("s3:GetObject", 100);
    List<String> resources = numbered("arn:aws:s3:::bucket/key", 100);
    StringBuilder statements = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    for (int i = 0; i < 200; i++) {
      statements.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:Put")
          .append(i).append("\",\"Resource\":\"*\"}");
    }
    String twoHundred = statements.append("]}").toString();
    List<ContextEntry> entries = numbered("aws:key", 100).stream()
        .map(k -> entry(k, ContextKeyTypeEnum.STRING, "v")).toList();

    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(twoHundred, ALLOW_ALL)
        .actionNames(actions).resourceArns(resources)), "InvalidInput", 400,
        "The simulation of 10000 evaluations, each reading 201 policy statements and 0 "
        + "context values, is 2010000 steps; a request may ask for at most 2000000.");
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(twoHundred)
        .actionNames(actions).resourceArns(resources).contextEntries(entries)),
        "InvalidInput", 400, "The simulation of 10000 evaluations, each reading 200 policy "
        + "statements and 100 context values, is 3000000 steps; a request may ask for at most "
        + "2000000.");
    assertThat(iam.simulateCustomPolicy(b -> b.policyInputList(twoHundred)
        .actionNames(actions).resourceArns(resources).maxItems(1)).evaluationResults())
        .hasSize(1);
  }

  private static List<String> numbered(String prefix, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void simulateCustomPolicy_whenInputIsWrong_isInvalidInput() {
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:Get*")), "InvalidInput", 400);
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:GetObject").contextEntries(entry("aws:SourceIp",
            ContextKeyTypeEnum.IP, "not-an-ip"))), "InvalidInput", 400);
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:GetObject").contextEntries(entry("aws:SourceIp",
            ContextKeyTypeEnum.IP, "10.0.0.1", "10.0.0.2"))), "InvalidInput", 400);
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:GetObject").resourceHandlingOption("EC2-Nowhere")),
        "InvalidInput", 400);
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:GetObject").resourcePolicy(PolicyDocs.EC2_TRUST)),
        "InvalidInput", 400, "CallerArn is required when a ResourcePolicy is given.");
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .permissionsBoundaryPolicyInputList(ALLOW_ALL, ALLOW_ALL)
        .actionNames("s3:GetObject")), "InvalidInput", 400);
    assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(ALLOW_ALL)
        .actionNames("s3:GetObject").callerArn("arn:aws:iam::123456789012:role/r")),
        "InvalidInput", 400);
  }
}
