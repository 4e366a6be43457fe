package dev.portcullis.policy;

/**
 * IAM's size quotas on policy documents, in characters as {@link PolicyText#nonWhitespaceLength}
 * counts them, with the message of the {@code LimitExceeded} error AWS answers when one is
 * exceeded. Inline quotas apply to the sum of all the inline policies of one user, group or role.
 */
public enum PolicySizeQuota {
  /** One customer managed policy (CreatePolicy, CreatePolicyVersion). */
  MANAGED_POLICY(6144, null),
  /** A role's trust policy (CreateRole, UpdateAssumeRolePolicy). */
  ROLE_TRUST_POLICY(2048, null),
  /** All inline policies of one user together. */
  USER_INLINE_POLICIES(2048, "user"),
  /** All inline policies of one group together. */
  GROUP_INLINE_POLICIES(5120, "group"),
  /** All inline policies of one role together. */
  ROLE_INLINE_POLICIES(10240, "role");

  private final int limit;
  private final String entityType;

  PolicySizeQuota(int limit, String entityType) {
    this.limit = limit;
    this.entityType = entityType;
  }

  /** The largest size allowed. */
  public int limit() {
    return limit;
  }

  /** Whether a total of {@code size} characters exceeds the quota. */
  public boolean isExceededBy(int size) {
    return size > limit;
  }

  /**
   * The message of AWS's {@code LimitExceeded} error for this quota. {@code entityName} names the
   * user, group or role for inline quotas and is ignored for the others.
   */
  public String exceededMessage(String entityName) {
    switch (this) {
      case MANAGED_POLICY:
        return "Cannot exceed quota for PolicySize: " + limit;
      case ROLE_TRUST_POLICY:
        return "Cannot exceed quota for ACLSizePerRole: " + limit;
      default:
        return "Maximum policy size of "
            + limit
            + " bytes exceeded for "
            + entityType
            + " "
            + entityName;
    }
  }
}
