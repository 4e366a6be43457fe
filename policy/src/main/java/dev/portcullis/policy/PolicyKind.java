package dev.portcullis.policy;

/** Where a policy document is used, which decides the rules it is validated against. */
public enum PolicyKind {
  /**
   * An identity policy: a user, group or role inline policy, or a policy used as a permissions
   * boundary or session policy. Principal and NotPrincipal are prohibited; Resource is required.
   */
  IDENTITY,
  /**
   * An identity policy stored as a customer managed policy (CreatePolicy, CreatePolicyVersion): the
   * {@link #IDENTITY} rules, and the document must declare Version 2012-10-17.
   */
  MANAGED,
  /**
   * A role trust policy (CreateRole, UpdateAssumeRolePolicy): Principal is required, Resource,
   * NotResource and NotPrincipal are prohibited, and actions are limited to STS role assumption.
   */
  TRUST,
  /** A resource-based policy: Principal or NotPrincipal is required, and so is Resource. */
  RESOURCE;

  boolean isIdentity() {
    return this == IDENTITY || this == MANAGED;
  }

  /** IAM restricts Sid values of the policies it stores itself to ASCII letters and digits. */
  boolean requiresAlphanumericSid() {
    return this != RESOURCE;
  }
}
