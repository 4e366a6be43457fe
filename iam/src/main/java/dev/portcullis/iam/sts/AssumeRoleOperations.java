package dev.portcullis.iam.sts;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.mfa.MfaCodeCheck;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AssumeRole: a role session for a role of the caller's account. The request is already
 * authorized (identity policies, the trust policy, sts:TagSession, sts:SetSourceIdentity); this
 * checks what STS itself checks: the role, the duration, session policies and tags, and what a
 * role chain carries over (transitive tags, source identity, MFA).
 */
public final class AssumeRoleOperations {
  /** Default DurationSeconds, and the limit for a session assumed by another role session. */
  static final int ONE_HOUR = 3_600;
  private final IamContext ctx;
  private final SessionIssuer issuer;
  private final MfaCodeCheck mfa;

  public AssumeRoleOperations(IamContext ctx, SessionIssuer issuer, MfaCodeCheck mfa) {
    this.ctx = ctx;
    this.issuer = issuer;
    this.mfa = mfa;
  }

  public void registerInto(OperationRegistry r) {
    r.register("AssumeRole", this::assumeRole);
  }

  private Struct assumeRole(Caller caller, Struct in) {
    StsSession calling = caller.session().orElse(null);
    boolean chained = caller instanceof Caller.InRole;
    String serial = in.string("SerialNumber");
    Instant mfaAt = serial != null ? mfa.verify(caller, serial, in.string("TokenCode"))
        : calling == null ? null : calling.mfaAuthenticatedAt();
    String sourceIdentity = sourceIdentity(calling, in.string("SourceIdentity"));
    return ctx.store().writeIssuance(tx -> {
      Role role = requireRole(tx, caller, in.string("RoleArn"));
      Duration duration = duration(role, chained, in);
      List<Tag> inherited = chained ? transitiveTags(calling) : List.of();
      SessionPolicies p = SessionPolicies.read(tx, caller.accountId(), in, inherited);
      List<String> transitiveKeys = new ArrayList<>(chained ? calling.transitiveTagKeys()
          : List.of());
      transitiveKeys.addAll(p.transitiveTagKeys());
      IssuedCredentials issued = issuer.issue(tx, new SessionGrant(role.accountId(),
          StsSession.Type.ASSUMED_ROLE, role.roleId(), role.arn(), in.string("RoleSessionName"),
          duration, mfaAt, p.policy(), p.policyArns(), p.tags(), transitiveKeys, sourceIdentity,
          chained));
      tx.roles().recordUse(role.accountId(), role.roleId(), new Role.LastUsed(
          issued.session().issuedAt(), caller.region()));
      StsSession s = issued.session();
      return Struct.of("Credentials", issued.toWire(),
          "AssumedRoleUser", Struct.of("AssumedRoleId", s.userId(), "Arn", s.principalArn()),
          "PackedPolicySize", p.packedPolicySize(), "SourceIdentity", sourceIdentity);
    });
  }

  /** The role RoleArn names exactly (path included) in the caller's account. */
  private static Role requireRole(StoreTx tx, Caller caller, String roleArn) {
    return Arn.parse(roleArn)
        .filter(p -> p.type().equals("role") && p.accountId().equals(caller.accountId()))
        .flatMap(p -> tx.roles().findByName(caller.accountId(), p.name()))
        .filter(r -> r.arn().equals(roleArn))
        // A role created after the request began is not the one whose trust was checked.
        .filter(r -> !r.createdAt().isAfter(caller.requestTime()))
        .orElseThrow(() -> AwsException.of(ErrorCode.ACCESS_DENIED,
            "User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
            caller.principalArn(), roleArn));
  }

  private static Duration duration(Role role, boolean chained, Struct in) {
    int seconds = in.integer("DurationSeconds", ONE_HOUR);
    if (chained && seconds > ONE_HOUR) {
      throw new AwsException(ErrorCode.VALIDATION_ERROR, "The requested DurationSeconds "
          + "exceeds the 1 hour session limit for roles assumed by role chaining.");
    }
    if (seconds > role.maxSessionDuration()) {
      throw new AwsException(ErrorCode.VALIDATION_ERROR,
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    return Duration.ofSeconds(seconds);
  }

  /** The calling session's tags that it marked transitive. */
  private static List<Tag> transitiveTags(StsSession calling) {
    Set<String> keys = new HashSet<>();
    calling.transitiveTagKeys().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
    List<Tag> out = new ArrayList<>();
    for (Tag t : calling.tags()) {
      if (keys.contains(t.key().toLowerCase(Locale.ROOT))) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * A source identity, once set on a chain of sessions, stays: a request may repeat it but not
   * change it.
   */
  private static String sourceIdentity(StsSession calling, String requested) {
    String current = calling == null ? null : calling.sourceIdentity();
    if (current == null) {
      return requested;
    }
    if (requested != null && !requested.equals(current)) {
      throw new AwsException(ErrorCode.INVALID_PARAMETER_VALUE,
          "The source identity of the calling session cannot be changed.");
    }
    return current;
  }
}
