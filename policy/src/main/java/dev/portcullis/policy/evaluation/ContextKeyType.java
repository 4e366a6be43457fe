package dev.portcullis.policy.evaluation;

import dev.portcullis.policy.DateValues;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The types a simulation gives its context values (the ContextKeyType of IAM's simulation API),
 * each checked with the parser the condition operators of that family use, so a value accepted
 * here is one the engine can compare. The {@code ...List} types carry several values; the others
 * exactly one.
 */
public enum ContextKeyType {
  STRING("string", false),
  STRING_LIST("stringList", true),
  NUMERIC("numeric", false),
  NUMERIC_LIST("numericList", true),
  BOOLEAN("boolean", false),
  BOOLEAN_LIST("booleanList", true),
  IP("ip", false),
  IP_LIST("ipList", true),
  BINARY("binary", false),
  BINARY_LIST("binaryList", true),
  DATE("date", false),
  DATE_LIST("dateList", true);

  private final String wire;
  private final boolean multivalued;

  ContextKeyType(String wire, boolean multivalued) {
    this.wire = wire;
    this.multivalued = multivalued;
  }

  /** The type named {@code wire} as the API spells it ({@code stringList}). */
  public static Optional<ContextKeyType> fromWire(String wire) {
    for (ContextKeyType t : values()) {
      if (t.wire.equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type as the API spells it. */
  public String wire() {
    return wire;
  }

  /** Whether a key of this type may carry several values. */
  public boolean multivalued() {
    return multivalued;
  }

  /** Whether {@code value} is a value of this type. */
  public boolean accepts(String value) {
    switch (this) {
      case NUMERIC:
      case NUMERIC_LIST:
        return Numbers.parse(value) != null;
      case BOOLEAN:
      case BOOLEAN_LIST:
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
      case IP:
      case IP_LIST:
        return IpRange.parse(value) != null;
      case DATE:
      case DATE_LIST:
        return DateValues.epochMillis(value.trim()) != DateValues.INVALID;
      case BINARY:
      case BINARY_LIST:
        try {
          Base64.getDecoder().decode(value.trim());
          return true;
        } catch (IllegalArgumentException e) {
          return false;
        }
      default:
        return true;
    }
  }
}
