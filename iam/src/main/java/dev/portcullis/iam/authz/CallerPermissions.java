package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The caller as policy evaluation sees it: the principal, the identity-based policies of the
 * user or role behind it, its permissions boundary, the session policies of a session, and the
 * principal tags (the entity's tags, overridden by session tags of the same key).
 */
public record CallerPermissions(RequestPrincipal principal, List<AppliedPolicy> identity,
    Optional<AppliedPolicy> boundary, List<AppliedPolicy> session, List<Tag> tags) {
  private static final String ALLOWS_NOTHING = "{\"Version\":\"2012-10-17\",\"Statement\":"
      + "[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";
  private static final String PASSWORD_POLICY_GRANT = "{\"Version\":\"2012-10-17\","
      + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ChangePassword\","
      + "\"Resource\":[\"arn:aws:iam::*:user/${aws:username}\","
      + "\"arn:aws:iam::*:user/*/${aws:username}\"]},"
      + "{\"Effect\":\"Allow\",\"Action\":\"iam:GetAccountPasswordPolicy\","
      + "\"Resource\":\"*\"}]}";

  public CallerPermissions {
    identity = List.copyOf(identity);
    session = List.copyOf(session);
    tags = List.copyOf(tags);
  }

  /**
   * The permissions of {@code caller} now, from the snapshot; empty when the user or role behind
   * the caller no longer exists (it is identified by its unique id, so neither a rename nor a new
   * entity of the same name passes for it).
   */
  public static Optional<CallerPermissions> of(Caller caller, AuthorizationSnapshot snapshot) {
    String accountId = caller.accountId();
    if (caller instanceof Caller.Root) {
      return Optional.of(new CallerPermissions(RequestPrincipal.root(accountId),
          List.of(), Optional.empty(), List.of(), List.of()));
    }
    if (caller instanceof Caller.InRole inRole) {
      StsSession session = inRole.roleSession();
      return snapshot.role(accountId, session.entityId()).map(role -> from(
          RequestPrincipal.assumedRole(session.principalArn(), role.role().arn()),
          role.policies(), session, snapshot, accountId));
    }
    if (caller instanceof Caller.FederatedUserSession federated) {
      StsSession session = federated.federatedSession();
      return snapshot.user(accountId, session.entityId()).map(user -> from(
          RequestPrincipal.federatedUser(session.principalArn(), user.user().arn()),
          user.policies(), session, snapshot, accountId));
    }
    if (caller instanceof Caller.AwsService) {
      // A service principal has no identity policies: what it may do, a trust policy says.
      return Optional.empty();
    }
    StsSession session = caller.session().orElse(null);
    return snapshot.user(accountId, caller.userId()).map(user -> {
      CallerPermissions permissions = from(RequestPrincipal.user(user.user().arn()),
          user.policies(), session, snapshot, accountId);
      return snapshot.usersMayChangeTheirPassword(accountId)
          ? permissions.withPasswordPolicyGrant(snapshot.library()) : permissions;
    });
  }

  private static CallerPermissions from(RequestPrincipal principal, IdentityPolicies entity,
      StsSession session, AuthorizationSnapshot snapshot, String accountId) {
    List<Tag> tags = entity.tags();
    List<AppliedPolicy> sessionPolicies = new ArrayList<>();
    if (session != null) {
      if (session.policy() != null) {
        snapshot.library().compile(session.policy(), "session-policy", PolicyKind.IDENTITY)
            .ifPresent(c -> sessionPolicies.add(new AppliedPolicy(AppliedPolicy.Source.NONE,
                "SessionPolicy", null, session.policy(), c)));
      }
      sessionPolicies.addAll(snapshot.managedPolicies(accountId, session.policyArns()));
      int expected = (session.policy() == null ? 0 : 1) + session.policyArns().size();
      if (sessionPolicies.size() < expected) {
        // A session policy that no longer exists must not widen the session to the whole
        // role: the session then has a session policy that allows nothing.
        snapshot.library().compile(ALLOWS_NOTHING, "missing-session-policy",
            PolicyKind.IDENTITY).ifPresent(c -> sessionPolicies.add(new AppliedPolicy(
                AppliedPolicy.Source.NONE, "MissingSessionPolicy", null, ALLOWS_NOTHING, c)));
      }
      tags = override(tags, session.tags());
    }
    return new CallerPermissions(principal, entity.identity(), entity.boundary(),
        sessionPolicies, tags);
  }

  /**
   * Adds what AllowUsersToChangePassword grants every IAM user at the account level: changing
   * their own password and reading the password policy (the permissions of AWS's
   * IAMUserChangePassword managed policy).
   */
  private CallerPermissions withPasswordPolicyGrant(PolicyLibrary library) {
    List<AppliedPolicy> all = new ArrayList<>(identity);
    library.compile(PASSWORD_POLICY_GRANT, "account-password-policy", PolicyKind.IDENTITY)
        .ifPresent(c -> all.add(new AppliedPolicy(AppliedPolicy.Source.NONE,
            "AccountPasswordPolicy", null, PASSWORD_POLICY_GRANT, c)));
    return new CallerPermissions(principal, all, boundary, session, tags);
  }

  /** Session tags replace the entity's tags of the same key, whatever its case. */
  private static List<Tag> override(List<Tag> entityTags, List<Tag> sessionTags) {
    if (sessionTags.isEmpty()) {
      return entityTags;
    }
    Map<String, Tag> byKey = new LinkedHashMap<>();
    entityTags.forEach(t -> byKey.put(t.key().toLowerCase(Locale.ROOT), t));
    sessionTags.forEach(t -> byKey.put(t.key().toLowerCase(Locale.ROOT), t));
    return List.copyOf(byKey.values());
  }
}
