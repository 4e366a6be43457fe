package dev.portcullis.iam.ops;

import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;

/**
 * Permissions boundaries: checks that one names a managed policy that can serve as one, and
 * writes its output shape.
 */
public final class Boundaries {
  private Boundaries() {}

  public static void requireBoundaryPolicy(StoreTx tx, String accountId, String policyArn) {
    Arn.Parts parts = Arn.parse(policyArn).filter(p -> p.type().equals("policy"))
        .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_INPUT,
            "ARN %s is not valid.", policyArn));
    // The managed-policy family checks existence once policies are stored.
    if (!parts.accountId().equals("aws") && !parts.accountId().equals(accountId)) {
      throw AwsException.of(ErrorCode.NO_SUCH_ENTITY, "Policy %s does not exist or is not "
          + "attachable.", policyArn);
    }
  }

  /** The AttachedPermissionsBoundary output shape, or null when there is no boundary. */
  public static Struct toWire(String policyArn) {
    return policyArn == null ? null : Struct.of(
        "PermissionsBoundaryType", "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn", policyArn);
  }
}
