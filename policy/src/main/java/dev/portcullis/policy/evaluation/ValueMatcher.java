package dev.portcullis.policy.evaluation;

/**
 * One value of a condition, compiled for its operator's family. It answers whether a request value
 * matches it in the operator's positive sense (StringNotEquals compiles to a StringEquals matcher;
 * the condition negates).
 */
@FunctionalInterface
interface ValueMatcher {
  /** A value that matches nothing, for policy values the operator cannot read. */
  ValueMatcher NEVER = (value, state) -> Tri.NO;

  /** {@link Tri#YES}, {@link Tri#NO}, or {@link Tri#UNKNOWN} for an unresolved policy variable. */
  int match(String requestValue, EvaluationState state);
}
