package dev.portcullis.iam.simulation;

import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.policy.StatementPositions;
import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire shapes of simulation results (EvaluationResult, ResourceSpecificResult, Statement).
 * As AWS does, missing context values go at the top level when the resource is {@code *} and
 * under ResourceSpecificResults when resources were named; EvalDecisionDetails is absent for
 * {@code *}, empty within one account and filled across accounts.
 */
public final class SimulationShapes {
  private SimulationShapes() {}

  /** PolicyEvaluationDecisionType. */
  public static String decision(Decision d) {
    switch (d) {
      case ALLOWED:
        return "allowed";
      case EXPLICIT_DENY:
        return "explicitDeny";
      default:
        return "implicitDeny";
    }
  }

  /** The SourcePolicyId a simulation reports: a managed policy by its name. */
  public static String sourcePolicyId(AppliedPolicy policy) {
    return policy.managed() ? policy.id().substring(policy.id().lastIndexOf('/') + 1)
        : policy.id();
  }

  public static Struct evaluationResult(SimulationResult r) {
    Struct.Builder b = Struct.builder().put("EvalActionName", r.action())
        .put("EvalResourceName", r.resource()).put("EvalDecision", decision(r.decision()));
    List<StatementMatch> matched = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    r.outcomes().forEach(o -> {
      matched.addAll(o.statements());
      missing.addAll(o.evaluation().missingContextKeys());
    });
    b.put("MatchedStatements", statements(distinct(matched)));
    b.put("MissingContextValues", r.resourcesGiven() ? List.of() : List.copyOf(missing));
    boundary(b, r.outcomes().get(0));
    if (r.resourcesGiven()) {
      b.put("EvalDecisionDetails", details(r.outcomes().get(0)));
      List<Struct> specific = new ArrayList<>();
      r.outcomes().forEach(o -> specific.add(resourceSpecific(o)));
      b.put("ResourceSpecificResults", specific);
    }
    return b.build();
  }

  private static Struct resourceSpecific(ResourceOutcome o) {
    Struct.Builder b = Struct.builder().put("EvalResourceName", o.resource())
        .put("EvalResourceDecision", decision(o.decision()))
        .put("MatchedStatements", statements(o.statements()))
        .put("MissingContextValues", List.copyOf(o.evaluation().missingContextKeys()))
        .put("EvalDecisionDetails", details(o));
    boundary(b, o);
    return b.build();
  }

  private static void boundary(Struct.Builder b, ResourceOutcome o) {
    o.allowedByBoundary().ifPresent(allowed -> b.put("PermissionsBoundaryDecisionDetail",
        Struct.of("AllowedByPermissionsBoundary", allowed)));
  }

  private static Map<String, Object> details(ResourceOutcome o) {
    Map<String, Object> out = new LinkedHashMap<>();
    o.decisionDetails().forEach((k, v) -> out.put(k, decision(v)));
    return out;
  }

  private static List<Struct> statements(List<StatementMatch> matches) {
    List<Struct> out = new ArrayList<>();
    for (StatementMatch m : matches) {
      Struct.Builder s = Struct.builder().put("SourcePolicyId", sourcePolicyId(m.policy()))
          .put("SourcePolicyType", m.policy().source().wire());
      m.span().ifPresent(span -> s.put("StartPosition", position(span.start()))
          .put("EndPosition", position(span.end())));
      out.add(s.build());
    }
    return out;
  }

  private static Struct position(StatementPositions.Position p) {
    return Struct.of("Line", p.line(), "Column", p.column());
  }

  private static List<StatementMatch> distinct(List<StatementMatch> matches) {
    Set<String> seen = new LinkedHashSet<>();
    List<StatementMatch> out = new ArrayList<>();
    for (StatementMatch m : matches) {
      if (seen.add(m.policy().compiled().label() + "#" + m.statement().statementIndex())) {
        out.add(m);
      }
    }
    return out;
  }
}
