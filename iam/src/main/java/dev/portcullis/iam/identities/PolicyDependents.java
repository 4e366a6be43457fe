package dev.portcullis.iam.identities;

import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;

/**
 * Blocks deleting a user, group or role that still has managed policies attached or inline
 * policies embedded, with IAM's DeleteConflict messages. DeleteUser, DeleteGroup and DeleteRole
 * call it before deleting.
 */
public final class PolicyDependents {
  private PolicyDependents() {}

  public static void requireNone(StoreTx tx, PrincipalKind kind, String principalId) {
    if (!tx.attachments().attachedPolicies(kind, principalId).isEmpty()) {
      throw new AwsException(ErrorCode.DELETE_CONFLICT,
          "Cannot delete entity, must detach all policies first.");
    }
    if (!tx.inlinePolicies().list(kind, principalId).isEmpty()) {
      throw new AwsException(ErrorCode.DELETE_CONFLICT,
          "Cannot delete entity, must delete policies first.");
    }
  }
}
