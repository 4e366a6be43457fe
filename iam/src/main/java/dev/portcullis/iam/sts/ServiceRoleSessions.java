package dev.portcullis.iam.sts;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.iam.authz.AuthorizationSnapshot;
import dev.portcullis.iam.authz.RequestContexts;
import dev.portcullis.iam.authz.ResourceFacts;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.policy.evaluation.EvaluationInput;
import dev.portcullis.policy.evaluation.Evaluator;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import dev.portcullis.policy.evaluation.ResourcePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Role sessions an AWS service starts on behalf of a workload, as ECS does for a task role: the
 * role's trust policy must allow {@code sts:AssumeRole} to the service principal, evaluated by
 * the policy engine like any trust policy, and the session is recorded as the role's last use.
 */
public final class ServiceRoleSessions {
  private final IamContext ctx;
  private final SessionIssuer issuer;
  private final AuthorizationSnapshot snapshot;

  /** What came of a request for a session. */
  public sealed interface Outcome permits Issued, NoSuchRole, NotTrusted {}

  /** A new session of the role {@code roleArn}. */
  public record Issued(IssuedCredentials credentials, String roleArn) implements Outcome {}

  /** The account has no role of that name. */
  public record NoSuchRole(String roleName) implements Outcome {}

  /** The role's trust policy does not let the service principal assume it. */
  public record NotTrusted(String roleArn, String servicePrincipal) implements Outcome {}

  public ServiceRoleSessions(IamContext ctx, SessionIssuer issuer,
      AuthorizationSnapshot snapshot) {
    this.ctx = ctx;
    this.issuer = issuer;
    this.snapshot = snapshot;
  }

  /**
   * Assumes the role {@code roleName} of {@code accountId} as {@code servicePrincipal} (such as
   * {@code ecs-tasks.amazonaws.com}) for {@code duration}, shortened to the role's
   * MaxSessionDuration.
   */
  public Outcome assume(String accountId, String roleName, String servicePrincipal,
      String sessionName, Duration duration) {
    Instant checked = ctx.clock().instant();
    Optional<Outcome> refused = refusal(accountId, roleName, servicePrincipal);
    if (refused.isPresent()) {
      return refused.get();
    }
    return ctx.store().writeIssuance(tx -> {
      // A role created after its trust was checked is not the one that was checked.
      Optional<Role> found = tx.roles().findByName(accountId, roleName)
          .filter(r -> !r.createdAt().isAfter(checked));
      if (found.isEmpty()) {
        return new NoSuchRole(roleName);
      }
      Role role = found.get();
      Duration bounded = duration.compareTo(Duration.ofSeconds(role.maxSessionDuration())) > 0
          ? Duration.ofSeconds(role.maxSessionDuration()) : duration;
      IssuedCredentials issued = issuer.issue(tx, SessionGrant.plain(accountId,
          StsSession.Type.ASSUMED_ROLE, role.roleId(), role.arn(), sessionName, bounded, null));
      // A service's session belongs to no region the caller named.
      tx.roles().recordUse(role.accountId(), role.roleId(),
          new Role.LastUsed(issued.session().issuedAt(), null));
      return new Issued(issued, role.arn());
    });
  }

  /**
   * Why {@code servicePrincipal} may not assume the role {@code roleName} now (no such role, or
   * its trust policy does not allow it); empty when it may.
   */
  public Optional<Outcome> refusal(String accountId, String roleName, String servicePrincipal) {
    Optional<ResourceFacts> facts = snapshot.resource(accountId, "role", roleName);
    if (facts.isEmpty()) {
      return Optional.of(new NoSuchRole(roleName));
    }
    Optional<AppliedPolicy> trust = facts.get().trustPolicy();
    if (trust.isEmpty() || !trusts(trust.get(), facts.get(), accountId, servicePrincipal)) {
      return Optional.of(new NotTrusted(facts.get().arn(), servicePrincipal));
    }
    return Optional.empty();
  }

  /**
   * The trust decision AWS makes when the service calls AssumeRole: only the trust policy counts
   * for a service principal; the keys AWS sets for a service's request are in the context.
   */
  private boolean trusts(AppliedPolicy trust, ResourceFacts role, String accountId,
      String servicePrincipal) {
    RequestContext.Builder request = RequestContexts.time(RequestContext.builder(
        RequestPrincipal.service(servicePrincipal)).action("sts:AssumeRole")
        .resource(role.arn()), ctx.clock().instant())
        .contextKey("aws:SecureTransport", "true")
        .contextKey("aws:PrincipalIsAWSService", "true")
        .contextKey("aws:PrincipalServiceName", servicePrincipal)
        .contextKey("aws:SourceAccount", accountId);
    role.tags().forEach(t -> request.contextKey("aws:ResourceTag/" + t.key(), t.value()));
    return Evaluator.evaluate(EvaluationInput.builder(request.build())
        .resourcePolicy(ResourcePolicy.trust(trust.compiled(), accountId)).build()).isAllowed();
  }
}
