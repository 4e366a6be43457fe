package dev.portcullis.iam.authz;

import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.PolicyType;

/**
 * AWS's wording of an AccessDenied: "User: ARN is not authorized to perform: ACTION on
 * resource: RESOURCE", then why: "because no identity-based policy allows the ACTION action" or
 * "with an explicit deny in an identity-based policy" (and likewise for the other policy types).
 */
final class AccessDeniedMessage {
  private AccessDeniedMessage() {}

  static String of(String callerArn, String action, String resource, EvaluationResult result) {
    StringBuilder m = new StringBuilder("User: ").append(callerArn)
        .append(" is not authorized to perform: ").append(action)
        .append(" on resource: ").append(resource);
    PolicyType type = result.decidedBy().orElse(PolicyType.IDENTITY_BASED);
    if (result.decision() == Decision.EXPLICIT_DENY) {
      m.append(" with an explicit deny in ").append(article(type));
    } else if (type != PolicyType.RESOURCE_BASED) {
      // A trust policy that does not allow is reported without a reason, as AWS does.
      m.append(" because no ").append(name(type)).append(" allows the ").append(action)
          .append(" action");
    }
    return m.toString();
  }

  private static String article(PolicyType type) {
    String name = name(type);
    return (name.startsWith("identity") ? "an " : "a ") + name;
  }

  private static String name(PolicyType type) {
    return type.description();
  }
}
