package dev.portcullis.policy;

import java.util.Objects;

/**
 * One value a condition compares against, kept as text with the JSON type it was written as ({@code
 * "10"} and {@code 10} are both accepted by AWS and compare alike).
 *
 * @param text the value as text: a number as written, a boolean as {@code true}/{@code false}
 * @param type the JSON type of the value in the document
 */
public record ConditionValue(String text, Type type) {
  /** The JSON types a condition value may have. */
  public enum Type {
    STRING,
    NUMBER,
    BOOLEAN
  }

  public ConditionValue {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
  }

  /** A value written as a JSON string. */
  public static ConditionValue string(String text) {
    return new ConditionValue(text, Type.STRING);
  }
}
