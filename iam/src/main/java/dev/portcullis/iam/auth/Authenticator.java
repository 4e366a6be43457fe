package dev.portcullis.iam.auth;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.credentials.KeyUsage;
import dev.portcullis.iam.store.Freshness;
import dev.portcullis.iam.sts.SessionIssuer;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.sigv4.SecretResolver;
import dev.portcullis.protocol.sigv4.SigV4Identity;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Turns a signed request into a {@link Caller}: finds the access key and its user (or the STS
 * session and checks its token) for the signature check, then, once the signature holds,
 * records a long-term key's use.
 */
public final class Authenticator {
  private static final String TEMPORARY_PREFIX = "ASIA";
  /** The longest access key id the IAM model allows (accessKeyIdType, max 128). */
  private static final int MAX_KEY_ID_LENGTH = 128;
  private final IamContext ctx;
  private final AuthorizationSnapshot snapshot;
  private final java.util.concurrent.ConcurrentHashMap<String, Long> unknownSessions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final KeyUsage usage;
  private final CredentialCache cache;

  public Authenticator(IamContext ctx, KeyUsage usage, AuthorizationSnapshot snapshot) {
    this.ctx = ctx;
    this.snapshot = snapshot;
    this.usage = usage;
    this.cache = new CredentialCache(ctx.store(), ctx.clock());
  }

  /** Starts authenticating one request. */
  public Attempt begin() {
    return new Attempt();
  }

  /** One request's authentication: first the secret for SigV4, then the caller. */
  public final class Attempt implements SecretResolver {
    private CredentialCache.Entry credentials;
    private CredentialCache.SessionEntry session;
    private String presentedKeyId;

    /** The access key the request presented, once the signature check asked for its secret. */
    public String presentedKeyId() {
      return presentedKeyId;
    }

    @Override
    public String secretFor(String accessKeyId, String securityToken) {
      presentedKeyId = accessKeyId;
      if (accessKeyId.length() > MAX_KEY_ID_LENGTH) {
        // No key has such an id: refused before a look-up, and never remembered as a miss,
        // where ten thousand ids of a header's length would pin tens of megabytes.
        throw invalidToken();
      }
      if (securityToken != null || accessKeyId.startsWith(TEMPORARY_PREFIX)) {
        session = session(accessKeyId, securityToken);
        return session.secret();
      }
      credentials = cache.get(accessKeyId);
      if (credentials == null) {
        credentials = load(accessKeyId);
      }
      return credentials.secret();
    }

    /** The verified caller; call only after the signature has been verified. */
    public Caller caller(SigV4Identity id, String sourceIp, boolean secure) {
      if (session != null) {
        return sessionCaller(session.session(), id, sourceIp, secure);
      }
      AccessKey key = credentials.key();
      User user = credentials.user();
      usage.record(key.accessKeyId(), new AccessKey.LastUsed(ctx.clock().instant(),
          id.service(), id.region()));
      if (user == null) {
        return new Caller.Root(key.accountId(), key.accessKeyId(), Optional.empty(),
            request(id, sourceIp, secure));
      }
      return new Caller.IamUser(user.accountId(), user.userId(), user.name(), user.arn(),
          key.accessKeyId(), Optional.empty(), request(id, sourceIp, secure));
    }
  }

  /**
   * The session of a temporary key whose token matches. Long-term keys never come with a token
   * and temporary ones never without; an unknown key or a wrong token are answered alike.
   */
  private CredentialCache.SessionEntry session(String accessKeyId, String securityToken) {
    if (securityToken == null || !accessKeyId.startsWith(TEMPORARY_PREFIX)) {
      throw invalidToken();
    }
    CredentialCache.SessionEntry entry = cache.session(accessKeyId);
    if (entry == null) {
      long now = ctx.clock().millis();
      Long unknownUntil = unknownSessions.get(accessKeyId);
      if (unknownUntil != null && now < unknownUntil) {
        throw invalidToken();
      }
      StsSession s = ctx.store().read(tx -> tx.sessions().find(accessKeyId)).orElse(null);
      if (s == null) {
        // Unsigned guesses must not cost a read each: remember the miss for a moment.
        if (unknownSessions.size() >= 10_000) {
          unknownSessions.clear();
        }
        unknownSessions.put(accessKeyId, now + 1000);
        throw invalidToken();
      }
      entry = cache.put(s, ctx.cipher().decrypt(s.secretSealed(), s.accessKeyId()));
    }
    if (!MessageDigest.isEqual(entry.session().tokenHash(),
        SessionIssuer.tokenHash(securityToken))) {
      throw invalidToken();
    }
    if (entry.session().expiredAt(ctx.clock().instant())) {
      throw new AwsException(ErrorCode.EXPIRED_TOKEN,
          "The security token included in the request is expired");
    }
    return entry;
  }

  /**
   * The caller of a session. The IAM user behind a GetSessionToken or GetFederationToken
   * session is looked up by its unique id, so the session acts under the user's current name
   * and ends with the user: a deleted user's tokens are invalid, and a new user who takes the
   * old name gains nothing. (A role session's role is checked the same way by the authorizer.)
   */
  private Caller sessionCaller(StsSession s, SigV4Identity id, String sourceIp, boolean secure) {
    Caller.Request request = request(id, sourceIp, secure);
    if (s.type() == StsSession.Type.ASSUMED_ROLE) {
      return new Caller.RoleSession(s, request);
    }
    if (s.entityArn().equals(Arn.root(s.accountId()))) {
      // Root never federates here: GetFederationToken needs long-term keys, which root has not.
      return new Caller.Root(s.accountId(), s.accessKeyId(), Optional.of(s), request);
    }
    User user = snapshot.user(s.accountId(), s.entityId())
        .map(AuthorizationSnapshot.UserPermissions::user).orElseThrow(Authenticator::invalidToken);
    if (s.type() == StsSession.Type.FEDERATED_USER) {
      return new Caller.FederatedUserSession(s, user.name(), user.arn(), request);
    }
    return new Caller.IamUser(s.accountId(), user.userId(), user.name(), user.arn(),
        s.accessKeyId(), Optional.of(s), request);
  }

  private Caller.Request request(SigV4Identity id, String sourceIp, boolean secure) {
    return new Caller.Request(sourceIp, secure, ctx.clock().instant(), id.region());
  }

  private CredentialCache.Entry load(String accessKeyId) {
    Freshness.Stamp loaded = cache.stampBeforeLoad();
    AccessKey[] key = new AccessKey[1];
    User[] user = new User[1];
    ctx.store().read(tx -> {
      tx.accessKeys().find(accessKeyId).filter(k -> k.status() == AccessKey.Status.Active)
          .ifPresent(k -> {
            if (k.userId().equals(k.accountId())) {
              // Root's key (owned by the account id): it signs only while the operator allows
              // root access keys; a server started without the flag refuses it like no key.
              if (ctx.rootAccessKeys().allowed()) {
                key[0] = k;
              }
              return;
            }
            tx.users().findById(k.accountId(), k.userId()).ifPresent(u -> {
              key[0] = k;
              user[0] = u;
            });
          });
      return null;
    });
    if (key[0] == null) {
      throw invalidToken();
    }
    String secret = ctx.cipher().decrypt(key[0].secretSealed(), key[0].accessKeyId());
    return cache.put(key[0], user[0], secret, loaded);
  }

  private static AwsException invalidToken() {
    return new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
        "The security token included in the request is invalid.");
  }
}
