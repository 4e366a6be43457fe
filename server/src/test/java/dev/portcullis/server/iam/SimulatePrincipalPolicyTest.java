package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

class SimulatePrincipalPolicyTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  /** Pretty-printed as AWS's example is: the statement starts on line 3 at column 19. */
  private static final String CODECOMMIT = """
      {
          "Version": "2012-10-17",
          "Statement": {
              "Sid": "ListRepos",
              "Effect": "Allow",
              "Action": "codecommit:ListRepositories",
              "Resource": "*"
          }
      }""";
  private static final String DENY_DELETE = "{\"Version\":\"2012-10-17\",\"Statement\":{"
      + "\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}}";
  private static final String OWN_FOLDER = "{\"Version\":\"2012-10-17\",\"Statement\":{"
      + "\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
      + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}}";

  private final IamClient iam = SERVER.adminIam();

  private String arn(String type, String name) {
    return "arn:aws:iam::" + SERVER.accountId() + ":" + type + "/" + name;
  }

  private SimulatePrincipalPolicyResponse simulate(String source, String... actions) {
    return iam.simulatePrincipalPolicy(b -> b.policySourceArn(source).actionNames(actions));
  }

  @Test
  void simulatePrincipalPolicy_forUserWithInlinePolicy_namesThePolicyAndItsLines() {
    iam.createUser(b -> b.userName("alejandro"));
    iam.putUserPolicy(b -> b.userName("alejandro").policyName("Grant-Access-To-CodeCommit-ListRepo")
        .policyDocument(CODECOMMIT));

    EvaluationResult r = simulate(arn("user", "alejandro"), "codecommit:ListRepositories")
        .evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    Statement s = r.matchedStatements().get(0);
    assertThat(s.sourcePolicyId()).isEqualTo("Grant-Access-To-CodeCommit-ListRepo");
    assertThat(s.sourcePolicyTypeAsString()).isEqualTo("user");
    assertThat(s.startPosition().line()).isEqualTo(3);
    assertThat(s.startPosition().column()).isEqualTo(19);
    assertThat(s.endPosition().line()).isEqualTo(8);
    assertThat(s.endPosition().column()).isEqualTo(6);
  }

  @Test
  void simulatePrincipalPolicy_forUser_includesItsGroupsAndManagedPolicies() {
    iam.createUser(b -> b.userName("gus"));
    iam.createGroup(b -> b.groupName("ops"));
    iam.addUserToGroup(b -> b.groupName("ops").userName("gus"));
    iam.putGroupPolicy(b -> b.groupName("ops").policyName("no-delete")
        .policyDocument(DENY_DELETE));
    iam.attachUserPolicy(b -> b.userName("gus")
        .policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));

    SimulatePrincipalPolicyResponse r = simulate(arn("user", "gus"), "s3:GetObject",
        "s3:DeleteObject", "ec2:RunInstances");

    assertThat(r.evaluationResults()).extracting(EvaluationResult::evalDecision).containsExactly(
        PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY,
        PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.evaluationResults().get(0).matchedStatements()).singleElement().satisfies(s -> {
      assertThat(s.sourcePolicyId()).isEqualTo("AmazonS3FullAccess");
      assertThat(s.sourcePolicyTypeAsString()).isEqualTo("aws-managed");
    });
    assertThat(r.evaluationResults().get(1).matchedStatements()).singleElement().satisfies(s -> {
      assertThat(s.sourcePolicyId()).isEqualTo("no-delete");
      assertThat(s.sourcePolicyTypeAsString()).isEqualTo("group");
    });
  }

  @Test
  void simulatePrincipalPolicy_forUserWithBoundary_isNarrowedUnlessTheInputReplacesIt() {
    iam.createPolicy(b -> b.policyName("read-only-boundary").policyDocument(PolicyDocs.READ_S3));
    String boundary = "arn:aws:iam::" + SERVER.accountId() + ":policy/read-only-boundary";
    iam.createUser(b -> b.userName("bea").permissionsBoundary(boundary));
    iam.attachUserPolicy(b -> b.userName("bea")
        .policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));

    EvaluationResult put = simulate(arn("user", "bea"), "s3:PutObject").evaluationResults()
        .get(0);
    EvaluationResult replaced = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("user", "bea")).actionNames("s3:PutObject")
        .permissionsBoundaryPolicyInputList("{\"Version\":\"2012-10-17\",\"Statement\":{"
            + "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"))
        .evaluationResults().get(0);

    assertThat(put.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(put.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
    assertThat(replaced.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(replaced.matchedStatements()).extracting(Statement::sourcePolicyId)
        .contains("PermissionsBoundaryPolicyInputList.1");
  }

  @Test
  void simulatePrincipalPolicy_forRoleAndGroup_usesTheirPolicies() {
    iam.createRole(b -> b.roleName("builder").assumeRolePolicyDocument(PolicyDocs.EC2_TRUST));
    iam.putRolePolicy(b -> b.roleName("builder").policyName("read")
        .policyDocument(PolicyDocs.READ_S3));
    iam.createGroup(b -> b.groupName("readers"));
    iam.putGroupPolicy(b -> b.groupName("readers").policyName("read")
        .policyDocument(PolicyDocs.READ_S3));

    EvaluationResult role = simulate(arn("role", "builder"), "s3:GetObject")
        .evaluationResults().get(0);
    EvaluationResult group = simulate(arn("group", "readers"), "s3:GetObject")
        .evaluationResults().get(0);

    assertThat(role.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(role.matchedStatements().get(0).sourcePolicyTypeAsString()).isEqualTo("role");
    assertThat(group.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(group.matchedStatements().get(0).sourcePolicyTypeAsString()).isEqualTo("group");
  }

  @Test
  void simulatePrincipalPolicy_withInputPolicyAndVariables_usesTheUsersName() {
    iam.createUser(b -> b.userName("hana"));

    SimulatePrincipalPolicyResponse r = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("user", "hana")).policyInputList(OWN_FOLDER)
        .actionNames("s3:PutObject")
        .resourceArns("arn:aws:s3:::home/hana/notes.txt", "arn:aws:s3:::home/ivan/notes.txt"));

    assertThat(r.evaluationResults()).extracting(EvaluationResult::evalDecision).containsExactly(
        PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.evaluationResults().get(0).matchedStatements().get(0).sourcePolicyId())
        .isEqualTo("PolicyInputList.1");
  }

  @Test
  void simulatePrincipalPolicy_forGroupWithVariable_reportsMissingValuePerResource() {
    iam.createGroup(b -> b.groupName("homes"));

    EvaluationResult r = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("group", "homes")).policyInputList(OWN_FOLDER)
        .actionNames("s3:PutObject").resourceArns("arn:aws:s3:::home/x/y"))
        .evaluationResults().get(0);

    assertThat(r.missingContextValues()).isEmpty();
    assertThat(r.resourceSpecificResults().get(0).missingContextValues())
        .containsExactly("aws:username");
  }

  @Test
  void simulatePrincipalPolicy_withCallerArnAndResourcePolicy_evaluatesAsThatCaller() {
    iam.createRole(b -> b.roleName("no-perms").assumeRolePolicyDocument(PolicyDocs.EC2_TRUST));
    String bob = arn("user", "bob");
    String queuePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"" + bob + "\"},\"Action\":\"sqs:SendMessage\","
        + "\"Resource\":\"*\"}}";

    EvaluationResult r = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("role", "no-perms")).actionNames("sqs:SendMessage")
        .resourcePolicy(queuePolicy).callerArn(bob)
        .contextEntries(ContextEntry.builder().contextKeyName("aws:SourceIp")
            .contextKeyType(ContextKeyTypeEnum.IP).contextKeyValues("10.0.0.1").build()))
        .evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertAwsError(() -> iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("role", "no-perms")).actionNames("sqs:SendMessage")
        .resourcePolicy(queuePolicy)), "InvalidInput", 400);
  }

  @Test
  void simulatePrincipalPolicy_pagesThroughActionsAndResources() {
    iam.createUser(b -> b.userName("pam"));

    SimulatePrincipalPolicyResponse first = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("user", "pam")).actionNames("s3:GetObject", "s3:PutObject")
        .resourceArns("arn:aws:s3:::a/1", "arn:aws:s3:::a/2").maxItems(3));
    SimulatePrincipalPolicyResponse rest = iam.simulatePrincipalPolicy(b -> b
        .policySourceArn(arn("user", "pam")).actionNames("s3:GetObject", "s3:PutObject")
        .resourceArns("arn:aws:s3:::a/1", "arn:aws:s3:::a/2").marker(first.marker()));

    assertThat(first.evaluationResults()).hasSize(3);
    assertThat(first.isTruncated()).isTrue();
    assertThat(rest.evaluationResults()).singleElement().satisfies(e -> {
      assertThat(e.evalActionName()).isEqualTo("s3:PutObject");
      assertThat(e.evalResourceName()).isEqualTo("arn:aws:s3:::a/2");
    });
  }

  @Test
  void simulatePrincipalPolicy_whenSourceIsUnknown_isNoSuchEntity() {
    assertAwsError(() -> simulate(arn("user", "nobody"), "s3:GetObject"), "NoSuchEntity", 404,
        "The user with name nobody cannot be found.");
    assertAwsError(() -> simulate(arn("role", "nothing"), "s3:GetObject"), "NoSuchEntity", 404,
        "The role with name nothing cannot be found.");
    assertAwsError(() -> simulate("arn:aws:iam::" + SERVER.accountId() + ":policy/p",
        "s3:GetObject"), "InvalidInput", 400);
  }

  @Test
  void simulatePrincipalPolicy_whenInputPolicyIsMalformed_isMalformedPolicyDocument() {
    iam.createUser(b -> b.userName("mal"));

    assertAwsError(() -> iam.simulatePrincipalPolicy(b -> b.policySourceArn(arn("user", "mal"))
        .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"}}")
        .actionNames("s3:GetObject")), "MalformedPolicyDocument", 400);
  }
}
