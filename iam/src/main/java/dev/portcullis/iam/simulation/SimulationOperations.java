package dev.portcullis.iam.simulation;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.iam.authz.IdentityPolicies;
import dev.portcullis.iam.authz.IdentityPolicyLoader;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.identities.Lookups;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.policy.ConditionKeys;
import dev.portcullis.policy.PolicyDocument;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SimulatePrincipalPolicy, SimulateCustomPolicy, GetContextKeysForPrincipalPolicy and
 * GetContextKeysForCustomPolicy: the policies of a user (its own, its groups' and its
 * permissions boundary), a group or a role, or policies given as text, evaluated by the engine
 * that authorizes every call.
 */
public final class SimulationOperations {
  private static final String INPUT_LIST = "PolicyInputList";
  private static final String BOUNDARY_LIST = "PermissionsBoundaryPolicyInputList";
  private final IamContext ctx;
  private final PolicyLibrary library;
  private final IdentityPolicyLoader loader;

  public SimulationOperations(IamContext ctx, PolicyLibrary library) {
    this.ctx = ctx;
    this.library = library;
    this.loader = new IdentityPolicyLoader(library);
  }

  public void registerInto(OperationRegistry r) {
    r.register("SimulatePrincipalPolicy", this::simulatePrincipal)
        .register("SimulateCustomPolicy", this::simulateCustom)
        .register("GetContextKeysForPrincipalPolicy", this::contextKeysForPrincipal)
        .register("GetContextKeysForCustomPolicy", this::contextKeysForCustom);
  }

  /** The user, group or role a PolicySourceArn names, with its policies. */
  private record Source(String type, String arn, String accountId, IdentityPolicies policies) {}

  private Struct simulatePrincipal(Caller caller, Struct in) {
    Source source = source(caller, in.string("PolicySourceArn"));
    List<AppliedPolicy> identity = new ArrayList<>(source.policies().identity());
    identity.addAll(inputs(in, INPUT_LIST, AppliedPolicy.Source.NONE));
    Optional<AppliedPolicy> boundary = boundaryInput(in)
        .or(() -> source.policies().boundary());
    String callerArn = in.string("CallerArn");
    if (in.has("ResourcePolicy") && callerArn == null && !source.type().equals("user")) {
      throw invalid("CallerArn is required when a ResourcePolicy is given and the "
          + "PolicySourceArn is not an IAM user.");
    }
    RequestPrincipal principal;
    Map<String, List<String>> tags = new LinkedHashMap<>();
    if (callerArn != null) {
      principal = RequestPrincipal.user(requireUserArn(callerArn));
    } else if (source.type().equals("user")) {
      principal = RequestPrincipal.user(source.arn());
    } else if (source.type().equals("role")) {
      principal = new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE, source.arn(),
          source.arn(), source.accountId());
    } else {
      principal = new RequestPrincipal(RequestPrincipal.Kind.USER, "", "", source.accountId());
    }
    if (callerArn == null) {
      source.policies().tags().forEach(t -> tags.put("aws:PrincipalTag/" + t.key(),
          List.of(t.value())));
    }
    return simulate(in, principal, identity, boundary, tags);
  }

  private Struct simulateCustom(Caller caller, Struct in) {
    List<AppliedPolicy> identity = inputs(in, INPUT_LIST, AppliedPolicy.Source.NONE);
    String callerArn = in.string("CallerArn");
    if (in.has("ResourcePolicy") && callerArn == null) {
      throw invalid("CallerArn is required when a ResourcePolicy is given.");
    }
    RequestPrincipal principal = callerArn != null
        ? RequestPrincipal.user(requireUserArn(callerArn))
        : new RequestPrincipal(RequestPrincipal.Kind.USER, "", "", "");
    return simulate(in, principal, identity, boundaryInput(in), Map.of());
  }

  private Struct simulate(Struct in, RequestPrincipal principal, List<AppliedPolicy> identity,
      Optional<AppliedPolicy> boundary, Map<String, List<String>> principalTags) {
    List<String> actions = SimulationInputs.actions(in.list("ActionNames"));
    List<String> resources = in.has("ResourceArns") ? in.list("ResourceArns") : List.of();
    boolean grouped = SimulationInputs.groupsResources(in.string("ResourceHandlingOption"));
    Optional<Simulation.ResourcePolicyInput> resourcePolicy = in.has("ResourcePolicy")
        ? Optional.of(SimulationInputs.resourcePolicy(library, in.string("ResourcePolicy"),
            "ResourcePolicy"))
        : Optional.empty();
    String owner = in.has("ResourceOwner")
        ? SimulationInputs.ownerAccount(in.string("ResourceOwner")) : principal.account();
    ContextKeyValues context = new ContextKeyValues(principalTags);
    if (in.has("ContextEntries")) {
      SimulationInputs.context(in.list("ContextEntries")).forEach(context::put);
    }
    Simulation simulation = new Simulation(principal, identity, boundary, List.of(),
        resourcePolicy, owner, actions, resources, context.asMap(), grouped);
    SimulationInputs.requireBounded(simulation);
    List<SimulationResult> results = Simulator.run(simulation);
    return Page.of(results, in).into(Struct.builder(), "EvaluationResults",
        SimulationShapes::evaluationResult).build();
  }

  private Struct contextKeysForPrincipal(Caller caller, Struct in) {
    Source source = source(caller, in.string("PolicySourceArn"));
    List<PolicyDocument> documents = new ArrayList<>();
    source.policies().identity().forEach(p -> documents.add(p.compiled().document()));
    inputs(in, INPUT_LIST, AppliedPolicy.Source.NONE)
        .forEach(p -> documents.add(p.compiled().document()));
    return Struct.of("ContextKeyNames", ConditionKeys.of(documents));
  }

  private Struct contextKeysForCustom(Caller caller, Struct in) {
    List<PolicyDocument> documents = new ArrayList<>();
    inputs(in, INPUT_LIST, AppliedPolicy.Source.NONE)
        .forEach(p -> documents.add(p.compiled().document()));
    return Struct.of("ContextKeyNames", ConditionKeys.of(documents));
  }

  private Source source(Caller caller, String arn) {
    Arn.Parts parts = Arn.parse(arn).filter(p -> List.of("user", "group", "role")
        .contains(p.type())).orElseThrow(() -> invalid("PolicySourceArn " + arn
            + " must be the ARN of an IAM user, group or role."));
    String account = caller.accountId();
    return ctx.store().read(tx -> {
      Source found = load(tx, account, parts);
      if (!parts.accountId().equals(account) || !found.arn().equals(arn)) {
        throw AwsException.of(ErrorCode.NO_SUCH_ENTITY, "The %s with name %s cannot be found.",
            parts.type(), parts.name());
      }
      return found;
    });
  }

  private Source load(StoreTx tx, String account, Arn.Parts parts) {
    switch (parts.type()) {
      case "user": {
        var user = Lookups.requireUser(tx, account, parts.name());
        return new Source("user", user.arn(), account, loader.forUser(tx, user));
      }
      case "group": {
        var group = Lookups.requireGroup(tx, account, parts.name());
        return new Source("group", group.arn(), account, loader.forGroup(tx, group));
      }
      default: {
        var role = Lookups.requireRole(tx, account, parts.name());
        return new Source("role", role.arn(), account, loader.forRole(tx, role));
      }
    }
  }

  private List<AppliedPolicy> inputs(Struct in, String member, AppliedPolicy.Source source) {
    List<AppliedPolicy> out = new ArrayList<>();
    if (!in.has(member)) {
      return out;
    }
    List<String> documents = in.list(member);
    for (int i = 0; i < documents.size(); i++) {
      out.add(SimulationInputs.policy(library, documents.get(i), member + "." + (i + 1),
          source));
    }
    return out;
  }

  /** PermissionsBoundaryPolicyInputList: at most one policy, replacing the entity's boundary. */
  private Optional<AppliedPolicy> boundaryInput(Struct in) {
    List<AppliedPolicy> boundary = inputs(in, BOUNDARY_LIST, AppliedPolicy.Source.NONE);
    if (boundary.size() > 1) {
      throw invalid("Only one permissions boundary policy may be given in " + BOUNDARY_LIST
          + ".");
    }
    return boundary.stream().findFirst();
  }

  private static String requireUserArn(String callerArn) {
    return Arn.parse(callerArn).filter(p -> p.type().equals("user")).map(p -> callerArn)
        .orElseThrow(() -> invalid("CallerArn " + callerArn + " must be the ARN of an IAM "
            + "user."));
  }

  private static AwsException invalid(String message) {
    return new AwsException(ErrorCode.INVALID_INPUT, message);
  }
}
