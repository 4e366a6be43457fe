package dev.portcullis.iam.auth;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.ops.KeyUsage;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.sigv4.SecretResolver;
import dev.portcullis.protocol.sigv4.SigV4Identity;
import java.util.Optional;

/**
 * Turns a signed request into a {@link Caller}: finds the access key and its user for the
 * signature check, then, once the signature holds, records the key's use.
 */
public final class Authenticator {
  private final IamContext ctx;
  private final KeyUsage usage;

  public Authenticator(IamContext ctx, KeyUsage usage) {
    this.ctx = ctx;
    this.usage = usage;
  }

  /** Starts authenticating one request. */
  public Attempt begin() {
    return new Attempt();
  }

  /** One request's authentication: first the secret for SigV4, then the caller. */
  public final class Attempt implements SecretResolver {
    private AccessKey key;
    private User user;

    @Override
    public String secretFor(String accessKeyId, String securityToken) {
      ctx.store().read(tx -> {
        Optional<AccessKey> found = tx.accessKeys().find(accessKeyId)
            .filter(k -> k.status() == AccessKey.Status.Active);
        found.ifPresent(k -> {
          key = k;
          user = tx.users().findById(k.accountId(), k.userId()).orElse(null);
        });
        return null;
      });
      if (key == null || user == null) {
        throw invalidToken();
      }
      return ctx.cipher().decrypt(key.secretSealed(), key.accessKeyId());
    }

    /** The verified caller; call only after the signature has been verified. */
    public Caller caller(SigV4Identity id, String sourceIp, boolean secure) {
      usage.record(key.accessKeyId(), new AccessKey.LastUsed(ctx.clock().instant(),
          id.service(), id.region()));
      return new Caller(user.accountId(), user.arn(), user.userId(), user.name(),
          key.accessKeyId(), false, sourceIp, secure, ctx.clock().instant(), id.region());
    }
  }

  private static AwsException invalidToken() {
    return new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
        "The security token included in the request is invalid.");
  }
}
