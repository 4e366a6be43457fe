package dev.portcullis.policy.evaluation;

/**
 * How directly an applicable Allow statement names the caller, which decides what it is worth in
 * AWS's evaluation of resource-based policies within an account. Ordered: a higher grant is worth
 * more. Statements of identity-based policies, boundaries, session policies and SCPs, which name no
 * principal, grant {@link #DIRECT}.
 */
final class Grant {
  /** The statement does not apply. */
  static final int NONE = 0;

  /** The caller's account is named: the account delegates to its identity-based policies. */
  static final int ACCOUNT = 1;

  /**
   * The IAM role or user behind a session is named: the Allow stands in for an identity-based Allow
   * but is still limited by the permissions boundary and session policies.
   */
  static final int ENTITY = 2;

  /** The caller itself is named (or everyone): the Allow alone suffices within the account. */
  static final int DIRECT = 3;

  private Grant() {}
}
