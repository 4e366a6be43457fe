package dev.portcullis.policy;

/**
 * The messages AWS IAM answers with a {@code MalformedPolicyDocument} error, as they appear in AWS
 * responses. The constants are complete messages; the methods format the ones that quote part of
 * the document.
 */
public final class PolicyErrors {
  /** Invalid JSON, or JSON that does not follow the policy grammar. */
  public static final String SYNTAX = "Syntax errors in policy.";

  /** A customer managed policy without {@code "Version": "2012-10-17"}. */
  public static final String VERSION_TOO_OLD =
      "Policy document must be version 2012-10-17 or greater.";

  /** A value IAM's older parser rejects, such as {@code "Effect": "allow"} or a bad date. */
  public static final String LEGACY_PARSING = "The policy failed legacy parsing";

  /** Principal or NotPrincipal in an identity policy. */
  public static final String PRINCIPAL_NOT_ALLOWED =
      "Policy document should not specify a principal.";

  /** Two statements with the same non-empty Sid. */
  public static final String DUPLICATE_SID =
      "Statement IDs (SID) in a single policy must be unique.";

  /** A Sid with characters other than ASCII letters and digits, in a policy IAM stores. */
  public static final String SID_NOT_ALPHANUMERIC =
      "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular"
          + " expression [0-9A-Za-z]*";

  /** A statement without Action or NotAction, or with an empty list. */
  public static final String MISSING_ACTIONS = "Policy statement must contain actions.";

  /** A statement without Resource or NotResource, or with an empty list. */
  public static final String MISSING_RESOURCES = "Policy statement must contain resources.";

  /** An action without a service prefix; condition keys need none. */
  public static final String ACTION_WITHOUT_VENDOR =
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

  /** An action with more than one colon. */
  public static final String ACTION_TOO_MANY_COLONS =
      "Actions/Condition can contain only one colon.";

  /** A resource ARN whose service part is missing. */
  public static final String RESOURCE_VENDOR_NOT_QUALIFIED =
      "Resource vendor must be fully qualified and cannot contain regexes.";

  /**
   * An IAM resource ARN whose resource part is not one IAM has. The wording, with {@code root},
   * is AWS's answer to PutRolePolicy as quoted on 2026-05-04 in
   * https://github.com/BinHsu/aegis-aws-landing-zone/blob/main/docs/incidents.md (incident 11).
   */
  public static final String IAM_RESOURCE_PATH =
      "IAM resource path must either be \"*\", root, or start with user/, federated-user/, role/,"
          + " group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/,"
          + " saml-provider/, oidc-provider/, report/, access-report/.";

  /** A trust or resource policy statement without Principal (or NotPrincipal). */
  public static final String MISSING_PRINCIPAL = "Missing required field Principal";

  /** A Principal element that names no principal at all. */
  public static final String NO_PRINCIPALS =
      "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException:"
          + " The passed in policy has a statement with no principals!";

  /** A trust policy action other than the STS actions used to assume a role. */
  public static final String TRUST_ACTIONS_NOT_STS =
      "AssumeRole policy may only specify STS AssumeRole actions.";

  private PolicyErrors() {}

  /** A field the kind of policy must not have, such as Resource in a trust policy. */
  public static String prohibitedField(String field) {
    return "Has prohibited field " + field;
  }

  /** A resource that is neither {@code *} nor an ARN. */
  public static String resourceNotArn(String resource) {
    return "Resource " + resource + " must be in ARN format or \"*\".";
  }

  /** A resource ARN with an unknown partition; {@code arn} has its missing parts as {@code *}. */
  public static String invalidPartition(String partition, String arn) {
    return "Partition \"" + partition + "\" is not valid for resource \"" + arn + "\".";
  }

  /** An IAM resource ARN with a region. */
  public static String iamResourceWithRegion(String resource) {
    return "IAM resource " + resource + " cannot contain region information.";
  }

  /** An S3 bucket or object ARN (one without an account) with a region. */
  public static String s3ResourceWithRegion(String resource) {
    return "Resource " + resource + " can not contain region information.";
  }

  /** An action whose service prefix has characters a service name cannot have. */
  public static String invalidVendor(String vendor) {
    return "Vendor " + vendor + " is not valid";
  }

  /** A principal value that is not valid for its type, e.g. {@code "SERVICE":"ec2.example"}. */
  public static String invalidPrincipal(String type, String value) {
    return "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
  }
}
