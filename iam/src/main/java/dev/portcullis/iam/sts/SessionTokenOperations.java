package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Duration;
import java.util.List;

/**
 * GetSessionToken and GetFederationToken: temporary credentials issued to a user's long-term
 * access key (the session acting as the user, or as a federated user named in the request).
 */
public final class SessionTokenOperations {
  /** Default DurationSeconds of both operations: 12 hours. */
  static final int DEFAULT_DURATION = 43_200;
  /** AWS limits the account root user's sessions to one hour, silently. */
  static final int ROOT_MAX_DURATION = 3_600;
  private final IamContext ctx;
  private final SessionIssuer issuer;
  private final MfaCodeCheck mfa;

  public SessionTokenOperations(IamContext ctx, SessionIssuer issuer, MfaCodeCheck mfa) {
    this.ctx = ctx;
    this.issuer = issuer;
    this.mfa = mfa;
  }

  public void registerInto(OperationRegistry r) {
    r.register("GetSessionToken", this::getSessionToken)
        .register("GetFederationToken", this::getFederationToken);
  }

  private Struct getSessionToken(Caller caller, Struct in) {
    requireLongTermCredentials(caller, "GetSessionToken");
    String serial = in.string("SerialNumber");
    java.time.Instant mfaAt = serial == null ? null
        : mfa.verify(caller, serial, in.string("TokenCode"));
    SessionGrant grant = SessionGrant.plain(caller.accountId(), StsSession.Type.SESSION_TOKEN,
        caller.userId(), caller.principalArn(), null, duration(caller, in), mfaAt);
    return ctx.store().writeIssuance(tx ->
        Struct.of("Credentials", issuer.issue(tx, grant).toWire()));
  }

  private Struct getFederationToken(Caller caller, Struct in) {
    requireLongTermCredentials(caller, "GetFederationToken");
    String name = in.string("Name");
    return ctx.store().writeIssuance(tx -> {
      SessionPolicies p = SessionPolicies.read(tx, caller.accountId(), in, List.of());
      IssuedCredentials issued = issuer.issue(tx, new SessionGrant(caller.accountId(),
          StsSession.Type.FEDERATED_USER, caller.userId(), caller.principalArn(), name,
          duration(caller, in), null, p.policy(), p.policyArns(), p.tags(), List.of(), null,
          false));
      StsSession s = issued.session();
      return Struct.of("Credentials", issued.toWire(),
          "FederatedUser", Struct.of("FederatedUserId", s.userId(), "Arn", s.principalArn()),
          // Unlike AssumeRole, GetFederationToken always reports the size: 0 without a policy
          // or tags, as AWS answers (issue 7's observation; the model marks it optional).
          "PackedPolicySize", p.packedPolicySize() == null ? 0 : p.packedPolicySize());
    });
  }

  /** Both operations refuse temporary credentials, whatever the policies say. */
  static void requireLongTermCredentials(Caller caller, String operation) {
    if (caller.temporary()) {
      throw AwsException.of(ErrorCode.ACCESS_DENIED,
          "Cannot call %s with session credentials", operation);
    }
  }

  private static Duration duration(Caller caller, Struct in) {
    int seconds = in.integer("DurationSeconds", DEFAULT_DURATION);
    return Duration.ofSeconds(caller instanceof Caller.Root ? Math.min(seconds, ROOT_MAX_DURATION) : seconds);
  }
}
