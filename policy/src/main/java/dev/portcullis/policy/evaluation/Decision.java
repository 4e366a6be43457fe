package dev.portcullis.policy.evaluation;

/** The outcome of evaluating a request against its policies. */
public enum Decision {
  /** Every policy type that must allow the request does, and nothing denies it. */
  ALLOWED,
  /** A Deny statement in some policy applies to the request. */
  EXPLICIT_DENY,
  /** No Deny applies, but some policy type that must allow the request does not. */
  IMPLICIT_DENY;

  /** Whether the request may proceed. */
  public boolean isAllowed() {
    return this == ALLOWED;
  }
}
