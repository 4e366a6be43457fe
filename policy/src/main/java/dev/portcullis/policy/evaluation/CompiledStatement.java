package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.Condition;
import dev.portcullis.policy.Effect;
import dev.portcullis.policy.Statement;
import java.util.List;

/**
 * One statement compiled for evaluation, with the trace entry it contributes prepared for each
 * policy type so that recording a match allocates nothing.
 */
final class CompiledStatement {
  private final Effect effect;
  private final ActionMatcher actions;
  private final ResourceMatcher resources;
  private final PrincipalMatcher principal;
  private final CompiledCondition[] conditions;
  private final MatchedStatement[] traceByType;

  CompiledStatement(Statement statement, int index, String label, boolean variables) {
    this.effect = statement.effect();
    this.actions = new ActionMatcher(statement.actions());
    this.resources =
        statement.resources().map(element -> new ResourceMatcher(element, variables)).orElse(null);
    this.principal =
        statement
            .principal()
            .map(element -> new PrincipalMatcher(element, effect == Effect.DENY))
            .orElse(null);
    List<Condition> written = statement.conditions();
    this.conditions = new CompiledCondition[written.size()];
    for (int i = 0; i < conditions.length; i++) {
      conditions[i] = new CompiledCondition(written.get(i), variables);
    }
    PolicyType[] types = PolicyType.values();
    this.traceByType = new MatchedStatement[types.length];
    for (PolicyType type : types) {
      traceByType[type.ordinal()] =
          new MatchedStatement(type, label, index, statement.sid(), effect);
    }
  }

  Effect effect() {
    return effect;
  }

  ActionMatcher actions() {
    return actions;
  }

  MatchedStatement trace(PolicyType type) {
    return traceByType[type.ordinal()];
  }

  /**
   * What the statement grants the request, or {@link Grant#NONE} if it does not apply: its action,
   * resource, principal and every condition must match. Cheap checks come first.
   */
  int evaluate(EvaluationState state) {
    if (!actions.matches(state)) {
      return Grant.NONE;
    }
    if (resources != null && !resources.matches(state)) {
      return Grant.NONE;
    }
    int grant = principal == null ? Grant.DIRECT : principal.grant(state);
    if (grant == Grant.NONE) {
      return Grant.NONE;
    }
    for (int i = 0; i < conditions.length; i++) {
      if (!conditions[i].holds(state)) {
        noteMissingKeys(i + 1, state);
        return Grant.NONE;
      }
    }
    return grant;
  }

  /** Reports the keys of conditions left unevaluated, for simulations to list every missing key. */
  private void noteMissingKeys(int from, EvaluationState state) {
    for (int i = from; i < conditions.length; i++) {
      conditions[i].noteIfMissing(state);
    }
  }
}
