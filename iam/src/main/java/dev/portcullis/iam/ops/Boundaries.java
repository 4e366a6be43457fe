package dev.portcullis.iam.ops;

import dev.portcullis.iam.store.StoreTx;

/** Checks that a permissions boundary names a managed policy that can serve as one. */
public final class Boundaries {
  private Boundaries() {}

  /**
   * Requires a customer managed policy of the account or an AWS managed policy: InvalidInput
   * when the ARN is not a policy ARN, NoSuchEntity when no such policy exists.
   */
  public static void requireBoundaryPolicy(StoreTx tx, String accountId, String policyArn) {
    ManagedPolicies.requireAttachable(tx, accountId, policyArn);
  }
}
