package dev.portcullis.iam.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.PolicySizeQuota;
import dev.portcullis.policy.PolicyText;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.io.IOException;

/** Checks a role trust policy (CreateRole, UpdateAssumeRolePolicy) the way IAM does. */
public final class TrustPolicies {
  /** IAM words text that is not JSON at all differently for trust policies. */
  static final String INVALID_JSON = "This policy contains invalid Json";
  private static final JsonFactory JSON = new JsonFactory();

  private TrustPolicies() {}

  /**
   * Accepts a trust policy document or throws: LimitExceeded beyond 2048 characters (white
   * space not counted), MalformedPolicyDocument for invalid JSON or a document that breaks the
   * trust policy grammar.
   */
  public static void validate(String document) {
    PolicySizeQuota quota = PolicySizeQuota.ROLE_TRUST_POLICY;
    if (quota.isExceededBy(PolicyText.nonWhitespaceLength(document))) {
      throw new AwsException(ErrorCode.LIMIT_EXCEEDED, quota.exceededMessage(null));
    }
    if (!isWellFormedJson(document)) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, INVALID_JSON);
    }
    ParseResult result = PolicyParser.parse(document, PolicyKind.TRUST);
    if (result instanceof ParseResult.Malformed malformed) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, malformed.message());
    }
  }

  /** One JSON value and nothing after it. */
  private static boolean isWellFormedJson(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
