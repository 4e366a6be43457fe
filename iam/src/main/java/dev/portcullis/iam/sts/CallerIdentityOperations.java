package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.protocol.Struct;

/** STS GetCallerIdentity: who signed this request. */
public final class CallerIdentityOperations {
  public void registerInto(OperationRegistry r) {
    r.register("GetCallerIdentity", CallerIdentityOperations::getCallerIdentity);
  }

  private static Struct getCallerIdentity(Caller caller, Struct in) {
    return Struct.of("UserId", caller.userId(), "Account", caller.accountId(),
        "Arn", caller.principalArn());
  }
}
