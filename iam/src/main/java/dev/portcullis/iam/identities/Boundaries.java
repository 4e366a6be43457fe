package dev.portcullis.iam.identities;

import dev.portcullis.iam.catalog.ManagedPolicies;
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

  /**
   * The AttachedPermissionsBoundary output shape, or null when there is no boundary. IAM sends
   * the type as {@code Policy}, not the model's enum value {@code PermissionsBoundaryPolicy}:
   * the API reference (AttachedPermissionsBoundary) says "can only have a value of Policy", and
   * GetRole on a real account answers {@code "PermissionsBoundaryType": "Policy"}
   * (awsdocs/iam-user-guide issue 82, where AWS's writers confirm the model is wrong).
   */
  public static Struct toWire(String policyArn) {
    return policyArn == null ? null : Struct.of(
        "PermissionsBoundaryType", "Policy",
        "PermissionsBoundaryArn", policyArn);
  }
}
