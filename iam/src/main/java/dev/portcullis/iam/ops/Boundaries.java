package dev.portcullis.iam.ops;

import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.Struct;

/**
 * Permissions boundaries: checks that one names a managed policy that can serve as one, and
 * writes its output shape.
 */
public final class Boundaries {
  private Boundaries() {}

  /**
   * Requires a customer managed policy of the account or an AWS managed policy: InvalidInput
   * when the ARN is not a policy ARN, NoSuchEntity when no such policy exists.
   */
  public static void requireBoundaryPolicy(StoreTx tx, String accountId, String policyArn) {
    ManagedPolicies.requireAttachable(tx, accountId, policyArn);
  }

  /** The AttachedPermissionsBoundary output shape, or null when there is no boundary. */
  public static Struct toWire(String policyArn) {
    return policyArn == null ? null : Struct.of(
        "PermissionsBoundaryType", "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn", policyArn);
  }
}
