package dev.portcullis.iam.domain;

import dev.portcullis.policy.PolicySizeQuota;

/**
 * The IAM identities that policies are attached to or embedded in, with the words IAM uses for
 * each in member names, error messages and quota names.
 */
public enum PrincipalKind {
  USER("User", PolicySizeQuota.USER_INLINE_POLICIES),
  GROUP("Group", PolicySizeQuota.GROUP_INLINE_POLICIES),
  ROLE("Role", PolicySizeQuota.ROLE_INLINE_POLICIES);

  /** AWS's default quota of managed policies attached to one identity. */
  public static final int MAX_ATTACHED_POLICIES = 10;

  private final String title;
  private final PolicySizeQuota inlineQuota;

  PrincipalKind(String title, PolicySizeQuota inlineQuota) {
    this.title = title;
    this.inlineQuota = inlineQuota;
  }

  /** "User", "Group" or "Role", as in {@code UserName} and {@code PoliciesPerUser}. */
  public String title() {
    return title;
  }

  /** "user", "group" or "role", as in IAM's error messages. */
  public String word() {
    return title.toLowerCase(java.util.Locale.ROOT);
  }

  /** The request and response member naming one identity of this kind: UserName, ... */
  public String nameMember() {
    return title + "Name";
  }

  /** The quota on managed policies attached to one identity, as LimitExceeded names it. */
  public String attachedQuotaName() {
    return "PoliciesPer" + title;
  }

  /** The quota on the total size of the identity's inline policies. */
  public PolicySizeQuota inlineQuota() {
    return inlineQuota;
  }
}
