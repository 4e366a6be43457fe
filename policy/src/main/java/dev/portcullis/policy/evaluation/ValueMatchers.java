package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.BaseOperator;
import dev.portcullis.policy.DateValues;
import java.util.Arrays;
import java.util.Base64;

/**
 * Compiles condition values for each operator family, parsing numbers, dates, networks, booleans,
 * ARNs and base64 once. Policy variables are honoured where AWS honours them: in String, ARN and
 * Bool values of documents that support them.
 */
final class ValueMatchers {
  private ValueMatchers() {}

  /** How a Numeric or Date operator compares the request value with the policy value. */
  private enum Relation {
    EQ,
    LT,
    LE,
    GT,
    GE;

    boolean holds(int comparison) {
      switch (this) {
        case EQ:
          return comparison == 0;
        case LT:
          return comparison < 0;
        case LE:
          return comparison <= 0;
        case GT:
          return comparison > 0;
        default:
          return comparison >= 0;
      }
    }

    static Relation of(BaseOperator operator) {
      switch (operator) {
        case NUMERIC_LESS_THAN:
        case DATE_LESS_THAN:
          return LT;
        case NUMERIC_LESS_THAN_EQUALS:
        case DATE_LESS_THAN_EQUALS:
          return LE;
        case NUMERIC_GREATER_THAN:
        case DATE_GREATER_THAN:
          return GT;
        case NUMERIC_GREATER_THAN_EQUALS:
        case DATE_GREATER_THAN_EQUALS:
          return GE;
        default:
          return EQ;
      }
    }
  }

  /**
   * The matcher for {@code text} under {@code operator}; {@code variables} per document version.
   */
  static ValueMatcher compile(BaseOperator operator, String text, boolean variables) {
    switch (operator.family()) {
      case STRING:
        return string(operator, text, variables);
      case NUMERIC:
        return numeric(Relation.of(operator), text);
      case DATE:
        return date(Relation.of(operator), text);
      case BOOL:
        return bool(text, variables);
      case BINARY:
        return binary(text);
      case IP_ADDRESS:
        IpRange range = IpRange.parse(text);
        return range == null ? ValueMatcher.NEVER : (value, state) -> range.contains(value);
      case ARN:
        ArnPattern pattern = ArnPattern.compile(text, variables, true);
        return pattern::match;
      default:
        throw new IllegalArgumentException(operator + " takes no values to match");
    }
  }

  private static ValueMatcher string(BaseOperator operator, String text, boolean variables) {
    boolean like = operator == BaseOperator.STRING_LIKE || operator == BaseOperator.STRING_NOT_LIKE;
    boolean ignoreCase =
        operator == BaseOperator.STRING_EQUALS_IGNORE_CASE
            || operator == BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE;
    Glob glob = Glob.compile(text, like, variables, ignoreCase);
    return glob::match;
  }

  private static ValueMatcher numeric(Relation relation, String text) {
    Numbers.NumberValue number = Numbers.parse(text);
    if (number == null) {
      return ValueMatcher.NEVER;
    }
    return (value, state) -> {
      int comparison = Numbers.compare(value, number);
      return Tri.of(comparison != Numbers.NOT_A_NUMBER && relation.holds(comparison));
    };
  }

  private static ValueMatcher date(Relation relation, String text) {
    long policy = DateValues.epochMillis(text.trim());
    if (policy == DateValues.INVALID) {
      return ValueMatcher.NEVER;
    }
    return (value, state) -> {
      long request = DateValues.epochMillis(value);
      return Tri.of(request != DateValues.INVALID && relation.holds(Long.compare(request, policy)));
    };
  }

  private static ValueMatcher bool(String text, boolean variables) {
    if (variables && text.contains("${")) {
      Glob glob = Glob.compile(text, false, true, true);
      return glob::match;
    }
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      return ValueMatcher.NEVER;
    }
    String expected = text.equalsIgnoreCase("true") ? "true" : "false";
    return (value, state) -> Tri.of(value.equalsIgnoreCase(expected));
  }

  /** Base64 values compare as the bytes they encode, with or without padding. */
  private static ValueMatcher binary(String text) {
    byte[] expected = decode(text);
    if (expected == null) {
      return ValueMatcher.NEVER;
    }
    return (value, state) -> {
      byte[] actual = decode(value);
      return Tri.of(actual != null && Arrays.equals(actual, expected));
    };
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
