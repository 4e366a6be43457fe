package dev.portcullis.iam.simulation;

import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.policy.ParseResult;
import dev.portcullis.policy.PolicyKind;
import dev.portcullis.policy.PolicyParser;
import dev.portcullis.policy.evaluation.ContextKeyType;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a simulation is given: policy documents (MalformedPolicyDocument with IAM's
 * message when one does not parse), typed context entries, action names, the resource owner
 * and the resource handling scenario (InvalidInput when one is wrong).
 */
public final class SimulationInputs {
  /** The EC2 scenarios of ResourceHandlingOption, in which an action's resources go together. */
  public static final Set<String> SCENARIOS = Set.of("EC2-Classic-InstanceStore",
      "EC2-Classic-EBS", "EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet",
      "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet");

  /**
   * The most evaluations, actions times resources, one simulation request may ask for. The
   * model bounds neither list, and every result is kept to be paged, so without a bound a 1 MiB
   * request of a caller allowed only to simulate would ask for hundreds of millions.
   */
  public static final int MAX_EVALUATIONS = 10_000;
  /**
   * The most steps one simulation request may ask for: evaluations times the policy statements
   * and context values each one reads, a fraction of a second of work. Without it, 10,000
   * evaluations of a 1 MiB request's thousands of statements or context entries took seconds.
   */
  public static final long MAX_STEPS = 2_000_000;

  private SimulationInputs() {}

  /** An identity-based policy (or a boundary or session policy) given as text. */
  public static AppliedPolicy policy(PolicyLibrary library, String json, String id,
      AppliedPolicy.Source source) {
    ParseResult parsed = PolicyParser.parse(json, PolicyKind.IDENTITY);
    if (parsed instanceof ParseResult.Malformed malformed) {
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, malformed.message());
    }
    return compiled(library, json, id, source, PolicyKind.IDENTITY);
  }

  /**
   * A resource-based policy given as text: one with a Resource element, or a role trust policy
   * (which then must allow, as it does for sts:AssumeRole).
   */
  public static Simulation.ResourcePolicyInput resourcePolicy(PolicyLibrary library,
      String json, String id) {
    ParseResult parsed = PolicyParser.parse(json, PolicyKind.RESOURCE);
    if (parsed instanceof ParseResult.Malformed malformed) {
      if (PolicyParser.parse(json, PolicyKind.TRUST).parsed().isPresent()) {
        return new Simulation.ResourcePolicyInput(compiled(library, json, id,
            AppliedPolicy.Source.RESOURCE, PolicyKind.TRUST), true);
      }
      throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, malformed.message());
    }
    return new Simulation.ResourcePolicyInput(compiled(library, json, id,
        AppliedPolicy.Source.RESOURCE, PolicyKind.RESOURCE), false);
  }

  private static AppliedPolicy compiled(PolicyLibrary library, String json, String id,
      AppliedPolicy.Source source, PolicyKind kind) {
    return library.compile(json, id, kind)
        .map(c -> new AppliedPolicy(source, id, null, json, c))
        .orElseThrow(() -> new IllegalStateException("a parsed policy did not compile"));
  }

  /**
   * The condition keys of ContextEntries: each entry needs a name and a type, and every value
   * must be of its type; only the list types take several values. A later entry for a key
   * replaces an earlier one.
   */
  public static Map<String, List<String>> context(List<Struct> entries) {
    ContextKeyValues context = new ContextKeyValues(Map.of());
    for (Struct entry : entries) {
      String name = entry.string("ContextKeyName");
      if (name == null) {
        throw invalid("ContextKeyName is required in every context entry.");
      }
      String typeName = entry.string("ContextKeyType");
      if (typeName == null) {
        throw invalid("ContextKeyType is required for the context key " + name + ".");
      }
      ContextKeyType type = ContextKeyType.fromWire(typeName).orElseThrow(() ->
          invalid("Invalid ContextKeyType " + typeName + " for the context key " + name + "."));
      List<String> values = entry.has("ContextKeyValues")
          ? entry.<String>list("ContextKeyValues") : List.of();
      if (values.size() > 1 && !type.multivalued()) {
        throw invalid("The context key " + name + " of type " + type.wire()
            + " takes one value; use " + type.wire() + "List for several.");
      }
      for (String value : values) {
        if (!type.accepts(value)) {
          throw invalid("Invalid value " + value + " of type " + type.wire()
              + " for the context key " + name + ".");
        }
      }
      context.put(name, List.copyOf(values));
    }
    return context.asMap();
  }

  /** Action names: a service prefix, a colon and an action, without wildcards. */
  public static List<String> actions(List<String> names) {
    for (String name : names) {
      int colon = name.indexOf(':');
      if (colon <= 0 || colon == name.length() - 1) {
        throw invalid("Action " + name + " must be of the form service:action.");
      }
      if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
        throw invalid("Action " + name + " must not contain wildcards.");
      }
    }
    return names;
  }

  /**
   * InvalidInput when {@code simulation} is more than {@link #MAX_EVALUATIONS} evaluations (every
   * action on every resource) or {@link #MAX_STEPS} steps.
   */
  public static void requireBounded(Simulation simulation) {
    int actions = simulation.actions().size();
    int resources = Math.max(1, simulation.resources().size());
    long evaluations = (long) actions * resources;
    if (evaluations > MAX_EVALUATIONS) {
      throw invalid(String.format("The simulation of %d actions on %d resources is %d "
          + "evaluations; a request may ask for at most %d.", actions, resources, evaluations,
          MAX_EVALUATIONS));
    }
    List<AppliedPolicy> policies = new ArrayList<>(simulation.identity());
    simulation.boundary().ifPresent(policies::add);
    policies.addAll(simulation.session());
    simulation.resourcePolicy().ifPresent(r -> policies.add(r.policy()));
    long statements = policies.stream()
        .mapToLong(p -> p.compiled().document().statements().size()).sum();
    long values = simulation.context().values().stream()
        .mapToLong(v -> Math.max(1, v.size())).sum();
    long steps = evaluations * (statements + values);
    if (steps > MAX_STEPS) {
      throw invalid(String.format("The simulation of %d evaluations, each reading %d policy "
          + "statements and %d context values, is %d steps; a request may ask for at most %d.",
          evaluations, statements, values, steps, MAX_STEPS));
    }
  }

  /** The account of ResourceOwner, an ARN such as {@code arn:aws:iam::112233445566:root}. */
  public static String ownerAccount(String resourceOwner) {
    String[] fields = resourceOwner.split(":", 6);
    if (fields.length < 6 || !fields[0].equals("arn") || !fields[4].matches("\\d{12}")) {
      throw invalid("ResourceOwner " + resourceOwner + " must be an account ARN such as "
          + "arn:aws:iam::123456789012:root.");
    }
    return fields[4];
  }

  /** Whether ResourceHandlingOption names a scenario; InvalidInput when it names none. */
  public static boolean groupsResources(String option) {
    if (option == null) {
      return false;
    }
    if (!SCENARIOS.contains(option)) {
      throw invalid("Invalid ResourceHandlingOption " + option + ". Valid values are "
          + String.join(", ", SCENARIOS.stream().sorted().toList()) + ".");
    }
    return true;
  }

  static AwsException invalid(String message) {
    return new AwsException(ErrorCode.INVALID_INPUT, message);
  }
}
