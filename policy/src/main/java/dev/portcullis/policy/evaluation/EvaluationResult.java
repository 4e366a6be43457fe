package dev.portcullis.policy.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A decision and the trace that explains it.
 *
 * @param decision allowed, explicitly denied or implicitly denied
 * @param decidedBy the policy type that decided: the type of the first Deny that applied, the type
 *     that lacked an Allow, or the type whose Allow granted the request; empty when the account
 *     root user is allowed by default
 * @param statements for an explicit deny, every Deny statement that applied; otherwise every Allow
 *     statement that applied (for an implicit deny, those that did not suffice)
 * @param missingContextKeys the condition keys (and policy variables) that statements consulted but
 *     the request lacked, as written in the policies
 */
public record EvaluationResult(
    Decision decision,
    Optional<PolicyType> decidedBy,
    List<MatchedStatement> statements,
    Set<String> missingContextKeys) {

  public EvaluationResult {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(statements, "statements");
    Objects.requireNonNull(missingContextKeys, "missingContextKeys");
  }

  /** Whether the request may proceed. */
  public boolean isAllowed() {
    return decision.isAllowed();
  }
}
