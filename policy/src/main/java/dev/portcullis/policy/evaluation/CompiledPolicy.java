package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Effect;
import dev.portcullis.policy.PolicyDocument;
import dev.portcullis.policy.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A policy document compiled once for fast, repeated evaluation: actions and resources as wildcard
 * matchers, condition values parsed for their operators, statements indexed by service. The label
 * (for example {@code user/alice/inline/S3Access} or a managed policy ARN) names the policy in
 * traces. Immutable and safe to share between threads.
 */
public final class CompiledPolicy {
  private final String label;
  private final PolicyDocument document;
  private final CompiledStatement[] statements;
  private final ActionIndex index;

  private CompiledPolicy(String label, PolicyDocument document) {
    this.label = label;
    this.document = document;
    boolean variables = document.version().supportsPolicyVariables();
    List<Statement> written = document.statements();
    this.statements = new CompiledStatement[written.size()];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = new CompiledStatement(written.get(i), i, label, variables);
    }
    this.index = new ActionIndex(statements);
  }

  /** Compiles {@code document}, naming it {@code label} in traces. */
  public static CompiledPolicy compile(PolicyDocument document, String label) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(label, "label");
    return new CompiledPolicy(label, document);
  }

  /** The label traces name this policy by. */
  public String label() {
    return label;
  }

  /** The document this policy was compiled from. */
  public PolicyDocument document() {
    return document;
  }

  /**
   * Evaluates every statement that may apply, recording those that do in {@code state}.
   *
   * @return the best {@link Grant} of an applicable Allow statement; {@link Grant#NONE} if none
   */
  int scan(PolicyType type, EvaluationState state) {
    int[] candidates = index.candidates(state.serviceId());
    int best = Grant.NONE;
    for (int candidate : candidates) {
      CompiledStatement statement = statements[candidate];
      int grant = statement.evaluate(state);
      if (grant == Grant.NONE) {
        continue;
      }
      state.matched(statement.trace(type));
      if (statement.effect() == Effect.ALLOW && grant > best) {
        best = grant;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + label + ", " + statements.length + " statements]";
  }
}
