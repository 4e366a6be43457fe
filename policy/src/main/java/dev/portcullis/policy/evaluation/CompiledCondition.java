package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.BaseOperator;
import dev.portcullis.policy.Condition;
import dev.portcullis.policy.ConditionValue;
import dev.portcullis.policy.SetQualifier;
import java.util.List;
import java.util.Locale;

/**
 * One operator and key of a Condition element, compiled. Its values are ORed (NORed for a negated
 * operator); a request key with several values is compared value by value, under the set operator
 * if there is one.
 *
 * <p>A key missing from the request makes the condition: true under IfExists, ForAllValues or a
 * negated operator; false under ForAnyValue or a plain operator. Null tests only presence.
 */
final class CompiledCondition {
  private final String key;
  private final String lowerKey;
  private final SetQualifier qualifier;
  private final boolean negated;
  private final boolean ifExists;
  private final boolean isNull;
  private final boolean nullWhenAbsent;
  private final boolean nullWhenPresent;
  private final ValueMatcher[] values;

  CompiledCondition(Condition condition, boolean variables) {
    BaseOperator base = condition.operator().base();
    this.key = condition.key();
    this.lowerKey = key.toLowerCase(Locale.ROOT);
    this.qualifier = condition.operator().qualifier();
    this.negated = base.negated();
    this.ifExists = condition.operator().ifExists();
    this.isNull = base == BaseOperator.NULL;
    List<ConditionValue> written = condition.values();
    this.nullWhenAbsent = isNull && written.stream().anyMatch(v -> isTrue(v.text()));
    this.nullWhenPresent = isNull && written.stream().anyMatch(v -> isFalse(v.text()));
    this.values = new ValueMatcher[isNull ? 0 : written.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ValueMatchers.compile(base, written.get(i).text(), variables);
    }
  }

  private static boolean isTrue(String text) {
    return text.trim().equalsIgnoreCase("true");
  }

  private static boolean isFalse(String text) {
    return text.trim().equalsIgnoreCase("false");
  }

  /** The key as written in the policy. */
  String key() {
    return key;
  }

  /** Notes the key as missing if the request lacks it; a Null test needs no value. */
  void noteIfMissing(EvaluationState state) {
    if (!isNull && state.request().valuesOfLowerKey(lowerKey) == null) {
      state.missingKey(key);
    }
  }

  /** Whether the condition holds for the request; an unknown outcome does not. */
  boolean holds(EvaluationState state) {
    List<String> requestValues = state.request().valuesOfLowerKey(lowerKey);
    if (requestValues == null) {
      return absent(state);
    }
    if (isNull) {
      return nullWhenPresent;
    }
    boolean anyOf =
        qualifier == SetQualifier.FOR_ANY_VALUE || (qualifier == SetQualifier.NONE && !negated);
    int result = anyOf ? Tri.NO : Tri.YES;
    for (int i = 0, n = requestValues.size(); i < n; i++) {
      int one = matchOne(requestValues.get(i), state);
      result = anyOf ? Tri.or(result, one) : Tri.and(result, one);
      if (result == (anyOf ? Tri.YES : Tri.NO)) {
        break;
      }
    }
    return result == Tri.YES;
  }

  private boolean absent(EvaluationState state) {
    if (isNull) {
      return nullWhenAbsent;
    }
    state.missingKey(key);
    if (ifExists || qualifier == SetQualifier.FOR_ALL_VALUES) {
      return true;
    }
    return qualifier == SetQualifier.NONE && negated;
  }

  /**
   * Whether one request value satisfies the operator: matches some value, or for a negated one
   * none.
   */
  private int matchOne(String requestValue, EvaluationState state) {
    int positive = Tri.NO;
    for (ValueMatcher value : values) {
      positive = Tri.or(positive, value.match(requestValue, state));
      if (positive == Tri.YES) {
        break;
      }
    }
    return negated ? Tri.not(positive) : positive;
  }
}
