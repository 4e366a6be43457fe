package dev.portcullis.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A structure value of the wire model: member name to value. Values are {@link String},
 * {@link Integer}, {@link Long}, {@link Boolean}, {@link Instant}, {@code byte[]},
 * {@link List}, {@code Map<String, ?>} (for map shapes) or nested {@link Struct}s.
 * Absent members are simply missing.
 */
public final class Struct {
  private static final Struct EMPTY = new Struct(Map.of());
  private final Map<String, Object> values;

  private Struct(Map<String, Object> values) {
    this.values = values;
  }

  public static Struct empty() {
    return EMPTY;
  }

  /** A structure of alternating member names and values; null values are left out. */
  public static Struct of(Object... namesAndValues) {
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean has(String member) {
    return values.containsKey(member);
  }

  public Object get(String member) {
    return values.get(member);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public String string(String member) {
    return (String) values.get(member);
  }

  public Optional<String> optString(String member) {
    return Optional.ofNullable(string(member));
  }

  public String string(String member, String fallback) {
    String v = string(member);
    return v == null ? fallback : v;
  }

  public Integer integer(String member) {
    Object v = values.get(member);
    return v == null ? null : ((java.lang.Number) v).intValue();
  }

  public int integer(String member, int fallback) {
    Integer v = integer(member);
    return v == null ? fallback : v;
  }

  public Boolean bool(String member) {
    return (Boolean) values.get(member);
  }

  public boolean bool(String member, boolean fallback) {
    Boolean v = bool(member);
    return v == null ? fallback : v;
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> list(String member) {
    Object v = values.get(member);
    return v == null ? List.of() : (List<T>) v;
  }

  public Struct struct(String member) {
    return (Struct) values.get(member);
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Builds a {@link Struct}, keeping insertion order. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Sets a member; a null value leaves it absent. */
    public Builder put(String member, Object value) {
      if (value != null) {
        values.put(member, value);
      }
      return this;
    }

    public Struct build() {
      return new Struct(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
