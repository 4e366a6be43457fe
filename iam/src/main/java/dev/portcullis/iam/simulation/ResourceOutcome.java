package dev.portcullis.iam.simulation;

import dev.portcullis.policy.evaluation.Decision;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.PolicyType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation of one action on one resource in a simulation.
 *
 * @param resource the resource ARN, or {@code *}
 * @param evaluation the engine's decision and trace
 * @param statements the statements of the trace, with their policies and positions
 * @param allowedByBoundary whether the permissions boundary alone allows the request; empty when
 *     there is no boundary
 * @param decisionDetails for a resource in another account than the caller's, the decision of
 *     the identity-based and of the resource-based policies alone; empty otherwise
 */
public record ResourceOutcome(String resource, EvaluationResult evaluation,
    List<StatementMatch> statements, Optional<Boolean> allowedByBoundary,
    Map<String, Decision> decisionDetails) {

  public ResourceOutcome {
    statements = List.copyOf(statements);
    decisionDetails = Collections.unmodifiableMap(new LinkedHashMap<>(decisionDetails));
  }

  public Decision decision() {
    return evaluation.decision();
  }

  /** The policy type that decided, if one did. */
  public Optional<PolicyType> decidedBy() {
    return evaluation.decidedBy();
  }
}
