package dev.portcullis.iam.identities;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.InstanceProfile;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;

/** Finds entities a request names, answering NoSuchEntity as IAM words it. */
public final class Lookups {
  private Lookups() {}

  /**
   * The calling IAM user's name, for operations whose UserName defaults to the caller; a role
   * or federated session has no user to default to, and AWS answers ValidationError.
   */
  public static String callerUserName(Caller caller) {
    return caller.iamUserName().orElseThrow(() -> new AwsException(ErrorCode.VALIDATION_ERROR,
        "Must specify userName when calling with non-User credentials"));
  }

  public static User requireUser(StoreTx tx, String accountId, String name) {
    return tx.users().findByName(accountId, name).orElseThrow(() -> AwsException.of(
        ErrorCode.NO_SUCH_ENTITY, "The user with name %s cannot be found.", name));
  }

  public static Group requireGroup(StoreTx tx, String accountId, String name) {
    return tx.groups().findByName(accountId, name).orElseThrow(() -> AwsException.of(
        ErrorCode.NO_SUCH_ENTITY, "The group with name %s cannot be found.", name));
  }

  public static Role requireRole(StoreTx tx, String accountId, String name) {
    return tx.roles().findByName(accountId, name).orElseThrow(() -> AwsException.of(
        ErrorCode.NO_SUCH_ENTITY, "The role with name %s cannot be found.", name));
  }

  public static InstanceProfile requireInstanceProfile(StoreTx tx, String accountId,
      String name) {
    return tx.instanceProfiles().findByName(accountId, name).orElseThrow(() -> AwsException.of(
        ErrorCode.NO_SUCH_ENTITY, "Instance Profile %s cannot be found.", name));
  }
}
