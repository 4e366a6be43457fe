package dev.portcullis.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.iam.authz.PolicyLibrary;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.simulation.ResourceOutcome;
import dev.portcullis.iam.simulation.Simulation;
import dev.portcullis.iam.simulation.SimulationInputs;
import dev.portcullis.iam.simulation.SimulationResult;
import dev.portcullis.iam.simulation.SimulationShapes;
import dev.portcullis.iam.simulation.Simulator;
import dev.portcullis.iam.simulation.StatementMatch;
import dev.portcullis.policy.evaluation.PolicyType;
import dev.portcullis.policy.evaluation.RequestPrincipal;
import dev.portcullis.protocol.AwsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code portcullis policy simulate}: evaluates policy files offline, with no server, through
 * the same simulator as SimulateCustomPolicy, and prints each action's decision on each resource,
 * the policy type that decided, the statements that applied (file, Sid or index, lines) and the
 * context keys the policies needed but were not given. Exit status 0 when everything is allowed,
 * 1 when something is denied.
 */
final class PolicySimulateCommand {
  static final String SYNOPSIS = "portcullis policy simulate --policy FILE --action ACTION "
      + "[OPTIONS]";
  static final String DESCRIPTION = "Evaluates policy files offline, as SimulateCustomPolicy "
      + "does.\nExit status: 0 when every request is allowed, 1 when one is denied, 2 on a "
      + "usage error.\nOptions marked * may be repeated.";
  static final List<Options.Spec> OPTIONS = List.of(
      new Options.Spec("policy", "FILE", "* an identity-based policy"),
      new Options.Spec("boundary", "FILE", "the permissions boundary"),
      new Options.Spec("session-policy", "FILE", "* a session policy (the caller is a session)"),
      new Options.Spec("resource-policy", "FILE", "the resource's resource-based policy"),
      new Options.Spec("resource-owner", "ACCOUNT", "account owning the resource (id or ARN)"),
      new Options.Spec("caller", "ARN", "the calling IAM user or role"),
      new Options.Spec("action", "ACTION", "* the action, e.g. s3:GetObject"),
      new Options.Spec("resource", "ARN", "* a resource ARN (default: *)"),
      new Options.Spec("context", "KEY=V[,V]", "* a condition key and its values"),
      Options.Spec.flag("json", "print the results as JSON"));

  private PolicySimulateCommand() {}

  static int run(Options o, PrintStream out) throws Options.UsageException {
    if (o.all("action").isEmpty()) {
      throw new Options.UsageException("policy simulate needs at least one --action");
    }
    if (o.all("policy").isEmpty() && o.get("resource-policy", null) == null) {
      throw new Options.UsageException("policy simulate needs a --policy or a "
          + "--resource-policy");
    }
    PolicyLibrary library = new PolicyLibrary(() -> null);
    List<AppliedPolicy> identity = policies(library, o.all("policy"));
    List<AppliedPolicy> session = policies(library, o.all("session-policy"));
    Optional<AppliedPolicy> boundary = policies(library, listOf(o.get("boundary", null)))
        .stream().findFirst();
    String resourceFile = o.get("resource-policy", null);
    Optional<Simulation.ResourcePolicyInput> resourcePolicy = resourceFile == null
        ? Optional.empty() : Optional.of(read(resourceFile,
            text -> SimulationInputs.resourcePolicy(library, text, resourceFile)));
    RequestPrincipal principal = principal(o.get("caller", null), !session.isEmpty());
    String owner = owner(o.get("resource-owner", null), principal.account());
    List<String> actions;
    try {
      actions = SimulationInputs.actions(o.all("action"));
    } catch (AwsException e) {
      throw new Options.UsageException(e.getMessage());
    }
    Simulation simulation = new Simulation(principal, identity, boundary, session,
        resourcePolicy, owner, actions, o.all("resource"), context(o.all("context")), false);
    List<SimulationResult> results = Simulator.run(simulation);
    if (o.flag("json")) {
      out.println(json(results));
    } else {
      results.forEach(r -> text(r, out));
    }
    return results.stream().allMatch(r -> r.decision().isAllowed()) ? 0 : 1;
  }

  private static List<String> listOf(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private interface Reader<T> {
    T read(String text);
  }

  private static <T> T read(String file, Reader<T> reader) throws Options.UsageException {
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new Options.UsageException("cannot read " + file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new Options.UsageException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return reader.read(text);
    } catch (AwsException e) {
      throw new Options.UsageException(file + ": " + e.code().code() + ": " + e.getMessage());
    }
  }

  private static List<AppliedPolicy> policies(PolicyLibrary library, List<String> files)
      throws Options.UsageException {
    List<AppliedPolicy> out = new ArrayList<>();
    for (String file : files) {
      out.add(read(file, text -> SimulationInputs.policy(library, text, file,
          AppliedPolicy.Source.NONE)));
    }
    return out;
  }

  /**
   * The caller: an IAM user, a role (simulated as its session) or an account root; with session
   * policies a user becomes a federated-user session. Without --caller, an unnamed user or
   * session of no account.
   */
  private static RequestPrincipal principal(String caller, boolean session)
      throws Options.UsageException {
    if (caller == null) {
      return new RequestPrincipal(session ? RequestPrincipal.Kind.ASSUMED_ROLE
          : RequestPrincipal.Kind.USER, "", "", "");
    }
    if (caller.matches("arn:aws:iam::\\d{12}:root")) {
      return RequestPrincipal.root(caller.split(":")[4]);
    }
    Optional<Arn.Parts> parts = Arn.parse(caller);
    String type = parts.map(Arn.Parts::type).orElse("");
    if (type.equals("role")) {
      return new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE, caller, caller,
          parts.get().accountId());
    }
    if (!type.equals("user")) {
      throw new Options.UsageException("--caller must be the ARN of an IAM user, a role or an "
          + "account root, not " + caller);
    }
    return session ? RequestPrincipal.federatedUser("arn:aws:sts::" + parts.get().accountId()
        + ":federated-user/" + parts.get().name(), caller) : RequestPrincipal.user(caller);
  }

  private static String owner(String owner, String callerAccount)
      throws Options.UsageException {
    if (owner == null) {
      return callerAccount;
    }
    if (owner.matches("\\d{12}")) {
      return owner;
    }
    try {
      return SimulationInputs.ownerAccount(owner);
    } catch (AwsException e) {
      throw new Options.UsageException("--resource-owner takes a 12-digit account id or "
          + "account ARN, not " + owner);
    }
  }

  /** {@code KEY=V1,V2}: a key with its values; a key may be given once. */
  private static Map<String, List<String>> context(List<String> entries)
      throws Options.UsageException {
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new Options.UsageException("--context takes KEY=VALUE[,VALUE...], not " + entry);
      }
      context.put(entry.substring(0, eq), Arrays.asList(entry.substring(eq + 1).split(",")));
    }
    return context;
  }

  private static void text(SimulationResult r, PrintStream out) {
    ResourceOutcome o = r.outcomes().get(0);
    out.println(r.action() + " on " + r.resource() + ": " + SimulationShapes.decision(
        r.decision()) + o.decidedBy().map(t -> " (" + typeName(t) + ")").orElse(""));
    for (StatementMatch m : o.statements()) {
      String lines = m.span().map(s -> s.start().line() == s.end().line()
          ? ", line " + s.start().line()
          : ", lines " + s.start().line() + "-" + s.end().line()).orElse("");
      out.println("  " + m.statement().effect().name().charAt(0)
          + m.statement().effect().name().substring(1).toLowerCase(java.util.Locale.ROOT)
          + " " + m.policy().id() + " " + m.statementName() + lines
          + " (" + typeName(m.statement().policyType()) + ")");
    }
    o.allowedByBoundary().filter(allowed -> !allowed)
        .ifPresent(a -> out.println("  the permissions boundary does not allow it"));
    if (!o.evaluation().missingContextKeys().isEmpty()) {
      out.println("  missing context values: "
          + String.join(", ", o.evaluation().missingContextKeys()));
    }
  }

  private static String typeName(PolicyType type) {
    return type.description();
  }

  private static String json(List<SimulationResult> results) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("allowed", results.stream().allMatch(r -> r.decision().isAllowed()));
    ArrayNode array = root.putArray("results");
    for (SimulationResult r : results) {
      ResourceOutcome o = r.outcomes().get(0);
      ObjectNode node = array.addObject();
      node.put("action", r.action());
      node.put("resource", r.resource());
      node.put("decision", SimulationShapes.decision(r.decision()));
      o.decidedBy().ifPresent(t -> node.put("decidedBy", typeName(t)));
      ArrayNode statements = node.putArray("matchedStatements");
      for (StatementMatch m : o.statements()) {
        ObjectNode s = statements.addObject();
        s.put("file", m.policy().id());
        s.put("policyType", typeName(m.statement().policyType()));
        m.statement().sid().ifPresent(sid -> s.put("sid", sid));
        s.put("index", m.statement().statementIndex());
        s.put("effect", m.statement().effect().name());
        m.span().ifPresent(span -> {
          s.putObject("start").put("line", span.start().line())
              .put("column", span.start().column());
          s.putObject("end").put("line", span.end().line()).put("column", span.end().column());
        });
      }
      ArrayNode missing = node.putArray("missingContextValues");
      o.evaluation().missingContextKeys().forEach(missing::add);
      o.allowedByBoundary().ifPresent(a -> node.put("allowedByPermissionsBoundary", a));
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
