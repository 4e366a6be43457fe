package dev.portcullis.iam.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.PolicyType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessDeniedMessageTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

  @Test
  void implicitDeny_namesThePolicyTypeThatLackedAnAllow() {
    assertThat(AccessDeniedMessage.of(ALICE, "iam:GetRole", "role ops",
        result(Decision.IMPLICIT_DENY, PolicyType.PERMISSIONS_BOUNDARY)))
        .isEqualTo("User: " + ALICE + " is not authorized to perform: iam:GetRole on resource: "
            + "role ops because no permissions boundary allows the iam:GetRole action");
  }

  @Test
  void explicitDeny_namesThePolicyTypeThatDenied() {
    assertThat(AccessDeniedMessage.of(ALICE, "iam:DeleteUser", "user bob",
        result(Decision.EXPLICIT_DENY, PolicyType.IDENTITY_BASED)))
        .endsWith("user bob with an explicit deny in an identity-based policy");
    assertThat(AccessDeniedMessage.of(ALICE, "iam:DeleteUser", "user bob",
        result(Decision.EXPLICIT_DENY, PolicyType.SESSION_POLICY)))
        .endsWith("with an explicit deny in a session policy");
  }

  @Test
  void trustPolicyWithoutAllow_givesNoReason() {
    assertThat(AccessDeniedMessage.of(ALICE, "sts:AssumeRole",
        "arn:aws:iam::123456789012:role/ops",
        result(Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED)))
        .endsWith("sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ops");
  }

  private static EvaluationResult result(Decision decision, PolicyType type) {
    return new EvaluationResult(decision, Optional.of(type), List.of(), Set.of());
  }
}
