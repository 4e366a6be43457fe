package dev.portcullis.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.Effect;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  static CompiledPolicy policy(String label, String json) {
    return policy(label, json, PolicyKind.IDENTITY);
  }

  static CompiledPolicy policy(String label, String json, PolicyKind kind) {
    ParseResult result = PolicyParser.parse(json, kind);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return CompiledPolicy.compile(((ParseResult.Parsed) result).document(), label);
  }

  @Test
  void evaluate_whenAllowed_tracesTheStatementWithItsPolicyAndIndex() {
    CompiledPolicy policy =
        policy(
            "user/alice/inline",
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
              {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
            """);
    RequestContext request =
        RequestContext.builder(RequestPrincipal.user(ALICE))
            .action("s3:GetObject")
            .resource("arn:aws:s3:::b/k")
            .build();

    EvaluationResult result =
        Evaluator.evaluate(EvaluationInput.builder(request).identityPolicy(policy).build());

    assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(result.isAllowed()).isTrue();
    assertThat(result.decidedBy()).contains(PolicyType.IDENTITY_BASED);
    assertThat(result.statements())
        .containsExactly(
            new MatchedStatement(
                PolicyType.IDENTITY_BASED,
                "user/alice/inline",
                1,
                java.util.Optional.of("Read"),
                Effect.ALLOW));
    assertThat(result.statements().get(0).reference()).isEqualTo("user/alice/inline#Read");
    assertThat(result.missingContextKeys()).isEmpty();
  }

  @Test
  void evaluate_whenSamePolicyServesAsBoundary_tracesItsRoleInEachType() {
    CompiledPolicy s3 =
        policy(
            "S3Full",
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\":"
                + " \"s3:*\", \"Resource\": \"*\"}}");
    RequestContext request =
        RequestContext.builder(RequestPrincipal.user(ALICE)).action("s3:PutObject").build();

    EvaluationResult result =
        Evaluator.evaluate(
            EvaluationInput.builder(request).identityPolicy(s3).permissionsBoundary(s3).build());

    assertThat(result.statements())
        .extracting(MatchedStatement::policyType)
        .containsExactly(PolicyType.IDENTITY_BASED, PolicyType.PERMISSIONS_BOUNDARY);
    assertThat(result.statements())
        .extracting(MatchedStatement::reference)
        .containsOnly("S3Full[0]");
  }

  @Test
  void requestContext_whenKeysGivenInAnyCase_findsThemCaseInsensitively() {
    RequestContext request =
        RequestContext.builder(
                RequestPrincipal.assumedRole(
                    "arn:aws:sts::111122223333:assumed-role/ops/alice",
                    "arn:aws:iam::111122223333:role/team/ops"))
            .action("IAM:GetUser")
            .contextKey("AWS:SourceIp", "203.0.113.7")
            .contextKey("aws:TagKeys", List.of())
            .build();

    assertThat(request.values("aws:sourceip")).containsExactly("203.0.113.7");
    assertThat(request.values("aws:TagKeys")).isEmpty();
    assertThat(request.values("aws:PrincipalArn"))
        .containsExactly("arn:aws:iam::111122223333:role/team/ops");
    assertThat(request.values("aws:PrincipalAccount")).containsExactly("111122223333");
    assertThat(request.values("aws:PrincipalType")).containsExactly("AssumedRole");
    assertThat(request.values("aws:username")).isEmpty();
    assertThat(request.resource()).isEqualTo("*");
  }

  @Test
  void requestContext_whenPrincipalKeysGiven_keepsThemOverDerivedOnes() {
    RequestContext request =
        RequestContext.builder(RequestPrincipal.user(ALICE))
            .action("iam:GetUser")
            .contextKey("aws:USERNAME", "someone")
            .build();

    assertThat(request.values("aws:username")).containsExactly("someone");
    assertThat(request.contextKeys()).containsKey("aws:USERNAME").doesNotContainKey("aws:username");
  }

  @Test
  void evaluate_whenActionHasNoServicePrefix_onlyWildcardStatementsApply() {
    CompiledPolicy policy =
        policy(
            "p",
            """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Iam", "Effect": "Allow", "Action": "iam:*", "Resource": "*"},
              {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}
            """);
    RequestContext request =
        RequestContext.builder(RequestPrincipal.user(ALICE)).action("nonsense").build();

    EvaluationResult result =
        Evaluator.evaluate(EvaluationInput.builder(request).identityPolicy(policy).build());

    assertThat(result.statements())
        .extracting(MatchedStatement::reference)
        .containsExactly("p#All");
  }

  @Test
  void evaluate_whenResourceIsInAnotherAccount_needsBothSides() {
    CompiledPolicy bucket =
        policy(
            "bucket",
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "*"}]}
            """,
            PolicyKind.RESOURCE);
    RequestContext request =
        RequestContext.builder(RequestPrincipal.user("arn:aws:iam::444455556666:user/bob"))
            .action("s3:GetObject")
            .resource("arn:aws:s3:::b/k")
            .build();

    EvaluationResult withoutIdentity =
        Evaluator.evaluate(
            EvaluationInput.builder(request)
                .resourcePolicy(ResourcePolicy.of(bucket, "111122223333"))
                .build());

    assertThat(withoutIdentity.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(withoutIdentity.decidedBy()).contains(PolicyType.IDENTITY_BASED);
  }
}
