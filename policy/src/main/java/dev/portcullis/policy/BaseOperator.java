package dev.portcullis.policy;

import java.util.Optional;

/** A condition operator without its {@code ForAnyValue:}/{@code ForAllValues:} or IfExists. */
public enum BaseOperator {
  STRING_EQUALS("StringEquals", ConditionFamily.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", ConditionFamily.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", ConditionFamily.STRING, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", ConditionFamily.STRING, true),
  STRING_LIKE("StringLike", ConditionFamily.STRING, false),
  STRING_NOT_LIKE("StringNotLike", ConditionFamily.STRING, true),
  NUMERIC_EQUALS("NumericEquals", ConditionFamily.NUMERIC, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", ConditionFamily.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", ConditionFamily.NUMERIC, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ConditionFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", ConditionFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", ConditionFamily.NUMERIC, false),
  DATE_EQUALS("DateEquals", ConditionFamily.DATE, false),
  DATE_NOT_EQUALS("DateNotEquals", ConditionFamily.DATE, true),
  DATE_LESS_THAN("DateLessThan", ConditionFamily.DATE, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", ConditionFamily.DATE, false),
  DATE_GREATER_THAN("DateGreaterThan", ConditionFamily.DATE, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", ConditionFamily.DATE, false),
  BOOL("Bool", ConditionFamily.BOOL, false),
  BINARY_EQUALS("BinaryEquals", ConditionFamily.BINARY, false),
  IP_ADDRESS("IpAddress", ConditionFamily.IP_ADDRESS, false),
  NOT_IP_ADDRESS("NotIpAddress", ConditionFamily.IP_ADDRESS, true),
  ARN_EQUALS("ArnEquals", ConditionFamily.ARN, false),
  ARN_LIKE("ArnLike", ConditionFamily.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", ConditionFamily.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", ConditionFamily.ARN, true),
  NULL("Null", ConditionFamily.NULL, false);

  private final String text;
  private final ConditionFamily family;
  private final boolean negated;

  BaseOperator(String text, ConditionFamily family, boolean negated) {
    this.text = text;
    this.family = family;
    this.negated = negated;
  }

  /** The operator's name as written in a document. */
  public String text() {
    return text;
  }

  /** The type of values the operator compares. */
  public ConditionFamily family() {
    return family;
  }

  /** Whether the operator is the negation of another, such as StringNotEquals. */
  public boolean negated() {
    return negated;
  }

  /** Whether the IfExists suffix may follow this operator: every one but Null. */
  public boolean allowsIfExists() {
    return this != NULL;
  }

  /** The operator named exactly {@code text}; operator names are case-sensitive. */
  public static Optional<BaseOperator> fromText(String text) {
    for (BaseOperator operator : values()) {
      if (operator.text.equals(text)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }
}
