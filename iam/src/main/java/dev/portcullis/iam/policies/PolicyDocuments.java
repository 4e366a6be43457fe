package dev.portcullis.iam.policies;

import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.PolicySizeQuota;
import dev.portcullis.policy.PolicyText;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;

/**
 * The checks every identity policy document passes when it is written: the policy grammar and
 * rules (MalformedPolicyDocument) and IAM's size quotas (LimitExceeded).
 */
public final class PolicyDocuments {
  private PolicyDocuments() {}

  /** A version of a customer managed policy (CreatePolicy, CreatePolicyVersion). */
  public static void validateManagedPolicy(String json) {
    validate(json, PolicyKind.MANAGED);
    if (PolicySizeQuota.MANAGED_POLICY.isExceededBy(size(json))) {
      throw new AwsException(ErrorCode.LIMIT_EXCEEDED,
          PolicySizeQuota.MANAGED_POLICY.exceededMessage(null));
    }
  }

  /** An inline policy of a user, group or role; its size is checked by requireInlineQuota. */
  public static void validateIdentityPolicy(String json) {
    validate(json, PolicyKind.IDENTITY);
  }

  /** The quota on the total size of all the inline policies of one identity. */
  public static void requireInlineQuota(PrincipalKind kind, String identityName, int totalSize) {
    PolicySizeQuota quota = kind.inlineQuota();
    if (quota.isExceededBy(totalSize)) {
      throw new AwsException(ErrorCode.LIMIT_EXCEEDED, quota.exceededMessage(identityName));
    }
  }

  /** The size IAM counts against its quotas: characters other than white space. */
  public static int size(String json) {
    return PolicyText.nonWhitespaceLength(json);
  }

  private static void validate(String json, PolicyKind kind) {
    ParseResult result = PolicyParser.parse(json, kind);
    if (result instanceof ParseResult.Malformed malformed) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, malformed.message());
    }
  }
}
