package dev.portcullis.policy;

import java.util.List;
import java.util.Objects;

/**
 * One operator and key of a Condition element: {@code "StringEquals": {"aws:username": "bob"}} is
 * one condition. A statement applies only when all its conditions hold.
 *
 * @param operator the condition operator
 * @param key the condition key as written; AWS compares keys case-insensitively
 * @param values the values to compare with; the condition holds when any of them matches
 */
public record Condition(ConditionOperator operator, String key, List<ConditionValue> values) {
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
  }
}
