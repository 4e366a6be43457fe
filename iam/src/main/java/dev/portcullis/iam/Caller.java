package dev.portcullis.iam;

import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.StsSession;
import java.time.Instant;
import java.util.Optional;

/**
 * The authenticated principal of a request, one variant per kind of principal, with the request
 * facts that policies may test. Each variant says who it is as CloudTrail's {@code userIdentity}
 * element does (CloudTrail User Guide, "CloudTrail userIdentity element").
 */
public sealed interface Caller {

  /** The account the principal belongs to. */
  String accountId();

  /** The ARN the caller acts as (aws:PrincipalArn): user, root, or session ARN. */
  String principalArn();

  /** The value of aws:userid: AIDA..., the account id for root, AROA...:session, ... */
  String userId();

  /** The access key that signed the request; null for a caller that signs with none. */
  String accessKeyId();

  /** The facts of the request that policies test. */
  Request request();

  /** The caller as a CloudTrail record's userIdentity element names it. */
  UserIdentity userIdentity();

  /** The STS session whose temporary credentials signed the request; empty for long-term keys. */
  default Optional<StsSession> session() {
    return Optional.empty();
  }

  /**
   * The name of the IAM user the caller acts as, with its own long-term keys or GetSessionToken
   * credentials: the user that operations whose UserName defaults to the caller act on. Empty
   * for root, roles, federated users and services.
   */
  default Optional<String> iamUserName() {
    return Optional.empty();
  }

  /**
   * The IAM user behind the caller by its current name: the user itself, or the user a
   * federated session was issued to. Empty when no user is behind it.
   */
  default Optional<String> userBehind() {
    return iamUserName();
  }

  /** Whether the request was signed with temporary credentials from STS. */
  default boolean temporary() {
    return session().isPresent();
  }

  default String sourceIp() {
    return request().sourceIp();
  }

  default boolean secureTransport() {
    return request().secureTransport();
  }

  default Instant requestTime() {
    return request().time();
  }

  default String region() {
    return request().region();
  }

  /**
   * What policies may test of the request itself (aws:SourceIp, aws:SecureTransport,
   * aws:CurrentTime, aws:RequestedRegion), the same whoever the caller is.
   *
   * @param sourceIp the client's address, or null when unknown
   * @param region the region of the credential scope, or null when the request has none
   */
  record Request(String sourceIp, boolean secureTransport, Instant time, String region) {}

  /** The account's root user; {@code session} is its GetSessionToken session, if it used one. */
  record Root(String accountId, String accessKeyId, Optional<StsSession> session,
      Request request) implements Caller {
    @Override
    public String principalArn() {
      return Arn.root(accountId);
    }

    @Override
    public String userId() {
      return accountId;
    }

    @Override
    public UserIdentity userIdentity() {
      return new UserIdentity("Root", accountId, principalArn(), accountId, accessKeyId, null,
          null, null, session.map(s -> sessionContext(null, s)).orElse(null));
    }
  }

  /**
   * An IAM user, with its long-term key or its GetSessionToken session ({@code session}).
   *
   * @param userName the user's current name
   * @param arn the user's current ARN
   */
  record IamUser(String accountId, String userId, String userName, String arn,
      String accessKeyId, Optional<StsSession> session, Request request) implements Caller {
    @Override
    public String principalArn() {
      return arn;
    }

    @Override
    public Optional<String> iamUserName() {
      return Optional.of(userName);
    }

    @Override
    public UserIdentity userIdentity() {
      // A GetSessionToken session is still the user (type IAMUser), with the session's
      // attributes and no issuer.
      return new UserIdentity("IAMUser", userId, arn, accountId, accessKeyId, userName, null,
          null, session.map(s -> sessionContext(null, s)).orElse(null));
    }
  }

  /** A caller that acts in a role: a session of AssumeRole or of federation into a role. */
  sealed interface InRole extends Caller {
    /** The role session whose credentials signed the request. */
    StsSession roleSession();

    @Override
    default Optional<StsSession> session() {
      return Optional.of(roleSession());
    }

    @Override
    default String accountId() {
      return roleSession().accountId();
    }

    @Override
    default String principalArn() {
      return roleSession().principalArn();
    }

    @Override
    default String userId() {
      return roleSession().userId();
    }

    @Override
    default String accessKeyId() {
      return roleSession().accessKeyId();
    }
  }

  /** A session of an IAM role from AssumeRole. */
  record RoleSession(StsSession roleSession, Request request) implements InRole {
    @Override
    public UserIdentity userIdentity() {
      return assumedRole(roleSession, null);
    }
  }

  /**
   * A role session from AssumeRoleWithWebIdentity. Calls made with it are AssumedRole in
   * CloudTrail (WebIdentityUser names only the unsigned federation call itself).
   *
   * @param identityProvider the OIDC provider that vouched for the web identity
   */
  record WebIdentitySession(StsSession roleSession, String identityProvider, Request request)
      implements InRole {
    @Override
    public UserIdentity userIdentity() {
      return assumedRole(roleSession, identityProvider);
    }
  }

  /**
   * A role session from AssumeRoleWithSAML; like a web-identity session, its calls are
   * AssumedRole.
   *
   * @param identityProvider the ARN of the SAML provider that vouched for the assertion
   */
  record SamlSession(StsSession roleSession, String identityProvider, Request request)
      implements InRole {
    @Override
    public UserIdentity userIdentity() {
      return assumedRole(roleSession, identityProvider);
    }
  }

  /**
   * A federated user's session from GetFederationToken, issued by an IAM user.
   *
   * @param issuerName the issuing user's current name
   * @param issuerArn the issuing user's current ARN
   */
  record FederatedUserSession(StsSession federatedSession, String issuerName, String issuerArn,
      Request request) implements Caller {
    @Override
    public Optional<StsSession> session() {
      return Optional.of(federatedSession);
    }

    @Override
    public String accountId() {
      return federatedSession.accountId();
    }

    @Override
    public String principalArn() {
      return federatedSession.principalArn();
    }

    @Override
    public String userId() {
      return federatedSession.userId();
    }

    @Override
    public String accessKeyId() {
      return federatedSession.accessKeyId();
    }

    @Override
    public Optional<String> userBehind() {
      return Optional.of(issuerName);
    }

    @Override
    public UserIdentity userIdentity() {
      UserIdentity.SessionIssuer issuer = new UserIdentity.SessionIssuer("IAMUser",
          federatedSession.entityId(), issuerArn, federatedSession.accountId(), issuerName);
      return new UserIdentity("FederatedUser", federatedSession.userId(), federatedSession.principalArn(),
          federatedSession.accountId(), federatedSession.accessKeyId(), null, null, null,
          sessionContext(issuer, federatedSession));
    }
  }

  /**
   * An IAM user signed in to the console.
   *
   * @param signedInAt when the user signed in (the session's creation date)
   */
  record ConsoleSession(String accountId, String userId, String userName, String arn,
      Instant signedInAt, boolean mfaAuthenticated, Request request) implements Caller {
    @Override
    public String principalArn() {
      return arn;
    }

    @Override
    public String accessKeyId() {
      return null;
    }

    @Override
    public Optional<String> iamUserName() {
      return Optional.of(userName);
    }

    /**
     * A console sign-in is a temporary session, as AWS's console signs with temporary
     * credentials: it cannot call GetSessionToken or GetFederationToken, and policies see
     * the MFA keys of temporary credentials.
     */
    @Override
    public boolean temporary() {
      return true;
    }

    @Override
    public UserIdentity userIdentity() {
      return new UserIdentity("IAMUser", userId, arn, accountId, null, userName, null, null,
          new UserIdentity.SessionContext(null, signedInAt, mfaAuthenticated, null));
    }
  }

  /**
   * An AWS service acting for the account, such as {@code ecs-tasks.amazonaws.com} fetching a
   * task role's credentials.
   *
   * @param servicePrincipal the service principal, which trust policies name
   * @param accountId the account the service acts in
   */
  record AwsService(String servicePrincipal, String accountId, Request request)
      implements Caller {
    @Override
    public String principalArn() {
      return servicePrincipal;
    }

    @Override
    public String userId() {
      return servicePrincipal;
    }

    @Override
    public String accessKeyId() {
      return null;
    }

    @Override
    public UserIdentity userIdentity() {
      // As CloudTrail logs an ECS task role's AssumeRole: the type and the invoking service.
      return new UserIdentity("AWSService", null, null, null, null, null, servicePrincipal,
          null, null);
    }
  }

  /** A session's attributes: issue time, MFA, source identity, and who issued it. */
  private static UserIdentity.SessionContext sessionContext(UserIdentity.SessionIssuer issuer,
      StsSession s) {
    return new UserIdentity.SessionContext(issuer, s.issuedAt(), s.mfaAuthenticatedAt() != null,
        s.sourceIdentity());
  }

  /** An AssumedRole identity whose sessionIssuer is the role (roles cannot be renamed). */
  private static UserIdentity assumedRole(StsSession s, String identityProvider) {
    String roleName = s.entityArn().substring(s.entityArn().lastIndexOf('/') + 1);
    UserIdentity.SessionIssuer role = new UserIdentity.SessionIssuer("Role", s.entityId(),
        s.entityArn(), s.accountId(), roleName);
    return new UserIdentity("AssumedRole", s.userId(), s.principalArn(), s.accountId(),
        s.accessKeyId(), null, null, identityProvider, sessionContext(role, s));
  }
}
