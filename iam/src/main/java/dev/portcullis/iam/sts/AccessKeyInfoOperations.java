package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.Optional;

/**
 * GetAccessKeyInfo: the account an access key belongs to. AWS decodes the account from the key
 * id itself and so answers for any key; Portcullis' key ids are random, so it looks the key up
 * (long-term keys of any status, temporary ones until they are swept a day after expiry) and
 * answers InvalidParameterValue for a key it does not know rather than invent an account.
 */
public final class AccessKeyInfoOperations {
  private final IamContext ctx;

  public AccessKeyInfoOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("GetAccessKeyInfo", this::getAccessKeyInfo);
  }

  private Struct getAccessKeyInfo(Caller caller, Struct in) {
    String id = in.string("AccessKeyId");
    Optional<String> account = ctx.store().read(tx -> {
      if (id.startsWith("ASIA")) {
        return tx.sessions().find(id).map(StsSession::accountId);
      }
      return tx.accessKeys().find(id).map(AccessKey::accountId);
    });
    return Struct.of("Account", account.orElseThrow(() -> AwsException.of(
        ErrorCode.INVALID_PARAMETER_VALUE, "The access key %s is not known to this server.",
        id)));
  }
}
