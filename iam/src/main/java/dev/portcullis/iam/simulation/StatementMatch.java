package dev.portcullis.iam.simulation;

import dev.portcullis.iam.authz.AppliedPolicy;
import dev.portcullis.policy.StatementPositions;
import dev.portcullis.policy.evaluation.MatchedStatement;
import java.util.Optional;

/**
 * A statement that applied in a simulation, with the policy it belongs to and where it is
 * written in that policy's text.
 */
public record StatementMatch(AppliedPolicy policy, MatchedStatement statement,
    Optional<StatementPositions.Span> span) {

  /** {@code Sid} or, for a statement without one, its index from 0 in brackets. */
  public String statementName() {
    return statement.sid().filter(s -> !s.isEmpty())
        .orElse("[" + statement.statementIndex() + "]");
  }
}
