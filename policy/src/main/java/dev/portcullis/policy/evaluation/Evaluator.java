package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Effect;
import java.util.List;
import java.util.Optional;

/**
 * Decides a request the way AWS's policy evaluation logic does within an account, and across
 * accounts for resource-based policies.
 *
 * <ol>
 *   <li>Every applicable policy is searched for a Deny that applies: one is an explicit deny.
 *   <li>SCPs: at every level of the organization some SCP must allow.
 *   <li>The resource-based policy: an Allow naming the caller itself decides (see {@link
 *       ResourcePolicy}); a trust policy, or a resource in another account, must allow in any case.
 *   <li>Identity-based policies must allow, unless the resource-based policy allowed the role or
 *       user behind the session; the account root user needs no Allow.
 *   <li>A permissions boundary, if the entity has one, must allow.
 *   <li>For a session principal, session policies, if any were passed, must allow; a federated-user
 *       session without session policies is denied.
 * </ol>
 *
 * <p>SCPs, identity policies, boundaries and session policies concern principals of an account; for
 * a service, a web identity, a SAML or an anonymous caller only the resource-based policy counts.
 * Evaluation never throws on request data: what it cannot read does not match.
 */
public final class Evaluator {
  @SuppressWarnings("unchecked")
  private static final Optional<PolicyType>[] DECIDED_BY = new Optional[PolicyType.values().length];

  static {
    for (PolicyType type : PolicyType.values()) {
      DECIDED_BY[type.ordinal()] = Optional.of(type);
    }
  }

  private Evaluator() {}

  /** Evaluates {@code input}'s request against its policies. */
  public static EvaluationResult evaluate(EvaluationInput input) {
    RequestContext request = input.request();
    RequestPrincipal caller = request.principal();
    RequestPrincipal.Kind kind = caller.kind();
    boolean inAccount = kind.inAccount();
    EvaluationState state = new EvaluationState(request, !input.permissionsBoundary().isEmpty());

    boolean scpsAllow = true;
    boolean identityAllows = false;
    boolean boundaryAllows = true;
    boolean sessionAllows = true;
    if (inAccount) {
      List<List<CompiledPolicy>> levels = input.serviceControlPolicies();
      for (int i = 0; i < levels.size(); i++) {
        scpsAllow &= scan(levels.get(i), PolicyType.SERVICE_CONTROL_POLICY, state) != Grant.NONE;
      }
    }
    ResourcePolicy resource = input.resourcePolicy().orElse(null);
    int resourceGrant =
        resource == null ? Grant.NONE : resource.policy().scan(PolicyType.RESOURCE_BASED, state);
    if (inAccount) {
      identityAllows =
          scan(input.identityPolicies(), PolicyType.IDENTITY_BASED, state) != Grant.NONE;
      List<CompiledPolicy> boundary = input.permissionsBoundary();
      boundaryAllows =
          boundary.isEmpty()
              || scan(boundary, PolicyType.PERMISSIONS_BOUNDARY, state) != Grant.NONE;
      List<CompiledPolicy> session = input.sessionPolicies();
      sessionAllows =
          session.isEmpty() || scan(session, PolicyType.SESSION_POLICY, state) != Grant.NONE;
    }

    if (state.denied()) {
      return result(Decision.EXPLICIT_DENY, state.firstDenyType(), state, Effect.DENY);
    }
    if (!inAccount) {
      return resourceGrant == Grant.DIRECT
          ? allowed(PolicyType.RESOURCE_BASED, state)
          : implicitDeny(PolicyType.RESOURCE_BASED, state);
    }
    if (!scpsAllow) {
      return implicitDeny(PolicyType.SERVICE_CONTROL_POLICY, state);
    }
    boolean crossAccount = resource != null && resource.crossAccount(caller);
    if (resource != null
        && (resource.requiresAllow() || crossAccount)
        && resourceGrant == Grant.NONE) {
      return implicitDeny(PolicyType.RESOURCE_BASED, state);
    }
    if (!crossAccount && resourceGrant == Grant.DIRECT) {
      return allowed(PolicyType.RESOURCE_BASED, state);
    }
    if (kind == RequestPrincipal.Kind.ROOT) {
      return identityAllows ? allowed(PolicyType.IDENTITY_BASED, state) : allowedAsRoot(state);
    }
    boolean entityGrant = !crossAccount && resourceGrant == Grant.ENTITY;
    if (!identityAllows && !entityGrant) {
      return implicitDeny(PolicyType.IDENTITY_BASED, state);
    }
    if (!boundaryAllows) {
      return implicitDeny(PolicyType.PERMISSIONS_BOUNDARY, state);
    }
    if (kind.isSession()) {
      boolean noSessionPolicy = input.sessionPolicies().isEmpty();
      if (!sessionAllows || (noSessionPolicy && kind == RequestPrincipal.Kind.FEDERATED_USER)) {
        return implicitDeny(PolicyType.SESSION_POLICY, state);
      }
    }
    return allowed(identityAllows ? PolicyType.IDENTITY_BASED : PolicyType.RESOURCE_BASED, state);
  }

  /** Scans every policy (a Deny anywhere counts); the best grant of an Allow among them. */
  private static int scan(List<CompiledPolicy> policies, PolicyType type, EvaluationState state) {
    int best = Grant.NONE;
    for (int i = 0; i < policies.size(); i++) {
      best = Math.max(best, policies.get(i).scan(type, state));
    }
    return best;
  }

  private static EvaluationResult allowed(PolicyType decidedBy, EvaluationState state) {
    return result(Decision.ALLOWED, decidedBy, state, Effect.ALLOW);
  }

  private static EvaluationResult allowedAsRoot(EvaluationState state) {
    return new EvaluationResult(
        Decision.ALLOWED, Optional.empty(), state.statements(Effect.ALLOW), state.missingKeys());
  }

  private static EvaluationResult implicitDeny(PolicyType decidedBy, EvaluationState state) {
    return result(Decision.IMPLICIT_DENY, decidedBy, state, Effect.ALLOW);
  }

  private static EvaluationResult result(
      Decision decision, PolicyType decidedBy, EvaluationState state, Effect traced) {
    return new EvaluationResult(
        decision, DECIDED_BY[decidedBy.ordinal()], state.statements(traced), state.missingKeys());
  }
}
