package dev.portcullis.iam.catalog;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.Optional;

/**
 * Finds the managed policy an ARN names, customer managed (in the store) or AWS managed (in the
 * bundled catalog), answering InvalidInput, NoSuchEntity and AccessDenied as IAM words them.
 */
public final class ManagedPolicies {
  private ManagedPolicies() {}

  /** The parts of a policy ARN, or InvalidInput when the text is not one. */
  public static Arn.Parts requireArn(String arn) {
    return Arn.parse(arn).filter(p -> p.type().equals("policy")).orElseThrow(() ->
        AwsException.of(ErrorCode.INVALID_INPUT, "ARN %s is not valid.", arn));
  }

  /** The policy an ARN names as the account {@code accountId} sees it, if there is one. */
  public static Optional<ManagedPolicy> find(StoreTx tx, String accountId, String arn) {
    Arn.Parts parts = requireArn(arn);
    Optional<ManagedPolicy> found;
    if (parts.accountId().equals(ManagedPolicy.AWS_ACCOUNT)) {
      found = ManagedPolicyCatalog.bundled().byName(parts.name());
    } else if (parts.accountId().equals(accountId)) {
      found = tx.policies().findByName(accountId, parts.name());
    } else {
      found = Optional.empty();
    }
    // Names are unique regardless of case and path, but an ARN names a policy exactly.
    return found.filter(p -> p.arn().equals(arn));
  }

  /** The policy an ARN names, for the operations that read or change the policy itself. */
  public static ManagedPolicy require(StoreTx tx, String accountId, String arn) {
    return find(tx, accountId, arn).orElseThrow(() -> AwsException.of(ErrorCode.NO_SUCH_ENTITY,
        "Policy %s was not found.", arn));
  }

  /** The policy an ARN names, for attaching it or using it as a permissions boundary. */
  public static ManagedPolicy requireAttachable(StoreTx tx, String accountId, String arn) {
    return find(tx, accountId, arn).orElseThrow(() -> AwsException.of(ErrorCode.NO_SUCH_ENTITY,
        "Policy %s does not exist or is not attachable.", arn));
  }

  /**
   * Refuses to change an AWS managed policy: it belongs to AWS's account, so no policy of the
   * caller's account can allow the change and IAM answers AccessDenied.
   */
  public static void requireCustomerManaged(Caller caller, String operation,
      ManagedPolicy policy) {
    if (policy.awsManaged()) {
      throw AwsException.of(ErrorCode.ACCESS_DENIED,
          "User: %s is not authorized to perform: iam:%s on resource: policy %s",
          caller.principalArn(), operation, policy.arn());
    }
  }
}
