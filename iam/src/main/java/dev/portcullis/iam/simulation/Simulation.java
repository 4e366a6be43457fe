package dev.portcullis.iam.simulation;

import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy simulation evaluates: who calls, with which policies, every action on every
 * resource, with the given condition keys.
 *
 * @param principal the simulated caller
 * @param identity the identity-based policies
 * @param boundary the permissions boundary, if any
 * @param session session policies, if any (the command-line simulator's {@code --session-policy})
 * @param resourcePolicy the resource-based policy evaluated with every resource, if any
 * @param resourceOwner the account owning the resources and the resource policy
 * @param actions the actions, such as {@code s3:GetObject}
 * @param resources the resource ARNs; empty means {@code *}
 * @param context the condition keys of every request
 * @param groupResources whether the resources make one request together (a
 *     ResourceHandlingOption scenario), so each action gets one result with a result per resource
 */
public record Simulation(RequestPrincipal principal, List<AppliedPolicy> identity,
    Optional<AppliedPolicy> boundary, List<AppliedPolicy> session,
    Optional<ResourcePolicyInput> resourcePolicy, String resourceOwner, List<String> actions,
    List<String> resources, Map<String, List<String>> context, boolean groupResources) {

  /**
   * A resource-based policy given to a simulation.
   *
   * @param policy the policy
   * @param trust whether it is a role trust policy (no Resource element), which must allow
   */
  public record ResourcePolicyInput(AppliedPolicy policy, boolean trust) {}

  public Simulation {
    Objects.requireNonNull(principal, "principal");
    identity = List.copyOf(identity);
    Objects.requireNonNull(boundary, "boundary");
    session = List.copyOf(session);
    Objects.requireNonNull(resourcePolicy, "resourcePolicy");
    Objects.requireNonNull(resourceOwner, "resourceOwner");
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    context = Map.copyOf(context);
  }

  /** Whether resource ARNs were given, rather than the default {@code *}. */
  public boolean resourcesGiven() {
    return !resources.isEmpty();
  }
}
