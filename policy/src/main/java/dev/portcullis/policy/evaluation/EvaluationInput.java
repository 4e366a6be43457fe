package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request and every policy that applies to it.
 *
 * @param request the request
 * @param identityPolicies the policies of the user and its groups, or of the role
 * @param resourcePolicy the resource's policy, if it has one
 * @param permissionsBoundary the entity's permissions boundary; empty when it has none
 * @param sessionPolicies the policies passed when the session was created; empty when none were
 * @param serviceControlPolicies the SCPs of the principal's account, one list per level of the
 *     organization from the root to the account; at every level some SCP must allow. Empty when the
 *     account is in no organization (or is its management account)
 */
public record EvaluationInput(
    RequestContext request,
    List<CompiledPolicy> identityPolicies,
    Optional<ResourcePolicy> resourcePolicy,
    List<CompiledPolicy> permissionsBoundary,
    List<CompiledPolicy> sessionPolicies,
    List<List<CompiledPolicy>> serviceControlPolicies) {

  public EvaluationInput {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(resourcePolicy, "resourcePolicy");
    identityPolicies = List.copyOf(identityPolicies);
    permissionsBoundary = List.copyOf(permissionsBoundary);
    sessionPolicies = List.copyOf(sessionPolicies);
    List<List<CompiledPolicy>> levels = new ArrayList<>();
    serviceControlPolicies.forEach(level -> levels.add(List.copyOf(level)));
    serviceControlPolicies = List.copyOf(levels);
  }

  /** A builder for evaluating {@code request}. */
  public static Builder builder(RequestContext request) {
    return new Builder(request);
  }

  /** Builds an {@link EvaluationInput}; every policy type starts absent. */
  public static final class Builder {
    private final RequestContext request;
    private final List<CompiledPolicy> identity = new ArrayList<>();
    private final List<CompiledPolicy> boundary = new ArrayList<>();
    private final List<CompiledPolicy> session = new ArrayList<>();
    private final List<List<CompiledPolicy>> scps = new ArrayList<>();
    private ResourcePolicy resource;

    private Builder(RequestContext request) {
      this.request = request;
    }

    public Builder identityPolicies(List<CompiledPolicy> policies) {
      identity.addAll(policies);
      return this;
    }

    public Builder identityPolicy(CompiledPolicy policy) {
      identity.add(policy);
      return this;
    }

    public Builder resourcePolicy(ResourcePolicy policy) {
      this.resource = policy;
      return this;
    }

    public Builder permissionsBoundary(CompiledPolicy policy) {
      boundary.add(policy);
      return this;
    }

    public Builder sessionPolicy(CompiledPolicy policy) {
      session.add(policy);
      return this;
    }

    /** Adds one level of SCPs (the root, an OU, or the account), below those added before. */
    public Builder serviceControlPolicyLevel(List<CompiledPolicy> policies) {
      scps.add(List.copyOf(policies));
      return this;
    }

    public EvaluationInput build() {
      return new EvaluationInput(
          request, identity, Optional.ofNullable(resource), boundary, session, scps);
    }
  }
}
