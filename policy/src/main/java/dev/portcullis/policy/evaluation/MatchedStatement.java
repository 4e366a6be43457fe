package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Effect;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement that applied to a request.
 *
 * @param policyType the role the statement's policy played in the evaluation
 * @param policyLabel the label the policy was compiled with, such as {@code user/alice/inline/S3}
 * @param statementIndex the statement's position in its document, from 0
 * @param sid the statement's Sid, if it has one
 * @param effect the statement's effect
 */
public record MatchedStatement(
    PolicyType policyType,
    String policyLabel,
    int statementIndex,
    Optional<String> sid,
    Effect effect) {

  public MatchedStatement {
    Objects.requireNonNull(policyType, "policyType");
    Objects.requireNonNull(policyLabel, "policyLabel");
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(effect, "effect");
  }

  /** {@code label#Sid}, or {@code label[index]} for a statement without a Sid. */
  public String reference() {
    return sid.filter(s -> !s.isEmpty())
        .map(s -> policyLabel + "#" + s)
        .orElse(policyLabel + "[" + statementIndex + "]");
  }
}
