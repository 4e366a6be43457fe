package dev.portcullis.iam.simulation;

import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.policy.StatementPositions;
import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationInput;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.Evaluator;
import dev.portcullis.policy.evaluation.MatchedStatement;
import dev.portcullis.policy.evaluation.PolicyType;
import dev.portcullis.policy.evaluation.RequestContext;
import dev.portcullis.policy.evaluation.ResourcePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link Simulation} through the policy engine that authorizes every call: each action
 * on each resource is one {@link Evaluator} decision, explained by the statements that applied
 * (with their positions in the policy text), the keys the request lacked, what the permissions
 * boundary alone decides, and, across accounts, what each side decides alone.
 */
public final class Simulator {
  /** The EvalDecisionDetails keys of the two sides of a cross-account request. */
  public static final String IDENTITY_SIDE = "IAM Policy";
  public static final String RESOURCE_SIDE = "Resource Policy";
  /**
   * The keys a simulation takes from its simulated caller rather than its context entries: the
   * ARN a Principal element matches and the name of a simulated user, which policies use as
   * the variable {@code ${aws:username}}.
   */
  static final String[] DERIVED_KEYS = {"aws:PrincipalArn", "aws:username"};

  private final Simulation simulation;
  private final Map<String, AppliedPolicy> byTypeAndLabel = new HashMap<>();
  private final Map<AppliedPolicy, List<StatementPositions.Span>> spans =
      new IdentityHashMap<>();

  private Simulator(Simulation simulation) {
    this.simulation = simulation;
    simulation.identity().forEach(p -> index(PolicyType.IDENTITY_BASED, p));
    simulation.boundary().ifPresent(p -> index(PolicyType.PERMISSIONS_BOUNDARY, p));
    simulation.session().forEach(p -> index(PolicyType.SESSION_POLICY, p));
    simulation.resourcePolicy().ifPresent(r -> index(PolicyType.RESOURCE_BASED, r.policy()));
  }

  /** Every result, action by action and, within an action, resource by resource. */
  public static List<SimulationResult> run(Simulation simulation) {
    return new Simulator(simulation).results();
  }

  private List<SimulationResult> results() {
    List<String> resources = simulation.resourcesGiven() ? simulation.resources()
        : List.of("*");
    List<SimulationResult> out = new ArrayList<>();
    for (String action : simulation.actions()) {
      if (simulation.groupResources()) {
        List<ResourceOutcome> outcomes = new ArrayList<>();
        resources.forEach(r -> outcomes.add(outcome(action, r)));
        out.add(new SimulationResult(action, "*", combined(outcomes), outcomes, true));
      } else {
        for (String resource : resources) {
          ResourceOutcome o = outcome(action, resource);
          out.add(new SimulationResult(action, resource, o.decision(), List.of(o),
              simulation.resourcesGiven()));
        }
      }
    }
    return out;
  }

  private ResourceOutcome outcome(String action, String resource) {
    // Only the keys a simulation is given count ("a key without a value cannot be included in
    // the evaluation"): the caller's ARN makes no aws:PrincipalAccount or aws:PrincipalType.
    RequestContext request = RequestContext.builder(simulation.principal())
        .deriveOnly(DERIVED_KEYS).action(action).resource(resource)
        .contextKeys(simulation.context()).build();
    EvaluationInput.Builder in = AppliedPolicy.addTo(EvaluationInput.builder(request),
        simulation.identity(), simulation.boundary(), simulation.session());
    simulation.resourcePolicy().ifPresent(r -> in.resourcePolicy(
        resourcePolicy(r, simulation.resourceOwner())));
    EvaluationResult result = Evaluator.evaluate(in.build());
    Optional<Boolean> boundaryAllows = simulation.boundary().map(b -> Evaluator.evaluate(
        EvaluationInput.builder(request).identityPolicy(b.compiled()).build()).isAllowed());
    return new ResourceOutcome(resource, result, matches(result), boundaryAllows,
        details(request));
  }

  /** Across accounts, what the identity-based and the resource-based policies decide alone. */
  private Map<String, Decision> details(RequestContext request) {
    String callerAccount = simulation.principal().account();
    Optional<Simulation.ResourcePolicyInput> resource = simulation.resourcePolicy();
    if (resource.isEmpty() || callerAccount.isEmpty()
        || simulation.resourceOwner().equals(callerAccount)) {
      return Map.of();
    }
    EvaluationInput.Builder identity = EvaluationInput.builder(request);
    simulation.identity().forEach(p -> identity.identityPolicy(p.compiled()));
    // The resource side alone: as if the resource were the caller's own, which a Principal
    // naming the caller then allows by itself.
    EvaluationInput alone = EvaluationInput.builder(request)
        .resourcePolicy(resourcePolicy(resource.get(), callerAccount)).build();
    Map<String, Decision> details = new LinkedHashMap<>();
    details.put(IDENTITY_SIDE, Evaluator.evaluate(identity.build()).decision());
    details.put(RESOURCE_SIDE, Evaluator.evaluate(alone).decision());
    return details;
  }

  private static ResourcePolicy resourcePolicy(Simulation.ResourcePolicyInput input,
      String owner) {
    return input.trust() ? ResourcePolicy.trust(input.policy().compiled(), owner)
        : ResourcePolicy.of(input.policy().compiled(), owner);
  }

  /** The trace's statements with their policies, each once (a policy may be attached twice). */
  private List<StatementMatch> matches(EvaluationResult result) {
    Set<String> seen = new LinkedHashSet<>();
    List<StatementMatch> out = new ArrayList<>();
    for (MatchedStatement s : result.statements()) {
      AppliedPolicy policy = byTypeAndLabel.get(key(s.policyType(), s.policyLabel()));
      if (policy == null || !seen.add(key(s.policyType(), s.policyLabel()) + "#"
          + s.statementIndex())) {
        continue;
      }
      List<StatementPositions.Span> of = spans.computeIfAbsent(policy,
          p -> StatementPositions.of(p.document()));
      Optional<StatementPositions.Span> span = s.statementIndex() < of.size()
          ? Optional.of(of.get(s.statementIndex())) : Optional.empty();
      out.add(new StatementMatch(policy, s, span));
    }
    return out;
  }

  private static Decision combined(List<ResourceOutcome> outcomes) {
    Decision decision = Decision.ALLOWED;
    for (ResourceOutcome o : outcomes) {
      if (o.decision() == Decision.EXPLICIT_DENY) {
        return Decision.EXPLICIT_DENY;
      }
      if (o.decision() == Decision.IMPLICIT_DENY) {
        decision = Decision.IMPLICIT_DENY;
      }
    }
    return decision;
  }

  private void index(PolicyType type, AppliedPolicy policy) {
    byTypeAndLabel.putIfAbsent(key(type, policy.compiled().label()), policy);
  }

  private static String key(PolicyType type, String label) {
    return type.name() + " " + label;
  }
}
