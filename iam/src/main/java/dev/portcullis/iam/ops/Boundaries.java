package dev.portcullis.iam.ops;

import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;

/** Checks that a permissions boundary names a managed policy that can serve as one. */
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
}
