package dev.portcullis.protocol;

import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A structure value of the wire model: member name to value. Values are {@link String},
 * {@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link Instant}, {@code byte[]},
 * {@link List}, {@code Map<String, ?>} (for map shapes) or nested {@link Struct}s.
 * Absent members are simply missing.
 *
 * <p>A structure the decoder made knows its shape: reading or writing a member the shape does
 * not have, or reading a member as a type its shape is not, throws {@link IllegalStateException}
 * instead of answering null or dropping the value, so a misspelled member fails the tests. The
 * check is always on: it costs a map lookup or two per access. Structures built by handlers for
 * their output have no shape; the encoders (XML and JSON) check them against the operation's
 * output shape.
 */
public final class Struct {
  private static final Struct EMPTY = new Struct(Map.of(), null, null);
  private final Map<String, Object> values;
  // Both null for a structure without a shape; two fields rather than one object, so a shaped
  // structure allocates nothing more than an unshaped one.
  private final ServiceModel model;
  private final Shape.Structure shape;

  private Struct(Map<String, Object> values, ServiceModel model, Shape.Structure shape) {
    this.values = values;
    this.model = model;
    this.shape = shape;
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
    return new Builder(null, null);
  }

  /** A builder of a structure of {@code shape}, refusing members and values it cannot have. */
  public static Builder builder(ServiceModel model, Shape.Structure shape) {
    return new Builder(model, shape);
  }

  /** The structure's shape, when it knows one (the decoder's structures do). */
  public Optional<Shape.Structure> shape() {
    return Optional.ofNullable(shape);
  }

  /**
   * A view of the same values for code that serves every operation alike (authorization, audit):
   * there a member the operation's shape lacks is simply absent rather than a bug.
   */
  public Struct anyMember() {
    return shape == null ? this : new Struct(values, null, null);
  }

  public boolean has(String member) {
    check(member, null);
    return values.containsKey(member);
  }

  public Object get(String member) {
    check(member, null);
    return values.get(member);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public String string(String member) {
    check(member, Shape.Text.class);
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
    check(member, Shape.Number.class);
    Object v = values.get(member);
    return v == null ? null : ((java.lang.Number) v).intValue();
  }

  public int integer(String member, int fallback) {
    Integer v = integer(member);
    return v == null ? fallback : v;
  }

  public Boolean bool(String member) {
    check(member, Shape.Bool.class);
    return (Boolean) values.get(member);
  }

  public boolean bool(String member, boolean fallback) {
    Boolean v = bool(member);
    return v == null ? fallback : v;
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> list(String member) {
    check(member, Shape.ListOf.class);
    Object v = values.get(member);
    return v == null ? List.of() : (List<T>) v;
  }

  public Struct struct(String member) {
    check(member, Shape.Structure.class);
    return (Struct) values.get(member);
  }

  /**
   * Whether a value has the Java type this class uses for a shape (a String for a string shape,
   * an Integer or Long for a number, a Double or Float for a decimal, a List for a list...). Only the outer type is checked; the
   * elements of lists and maps are checked when they are read or encoded.
   */
  public static boolean fits(Shape shape, Object value) {
    if (shape instanceof Shape.Text) {
      return value instanceof String;
    } else if (shape instanceof Shape.Number) {
      return value instanceof Integer || value instanceof Long;
    } else if (shape instanceof Shape.Decimal) {
      return value instanceof Double || value instanceof Float;
    } else if (shape instanceof Shape.Bool) {
      return value instanceof Boolean;
    } else if (shape instanceof Shape.Timestamp) {
      return value instanceof Instant;
    } else if (shape instanceof Shape.Blob) {
      return value instanceof byte[];
    } else if (shape instanceof Shape.ListOf) {
      return value instanceof List;
    } else if (shape instanceof Shape.MapOf) {
      return value instanceof Map;
    }
    return value instanceof Struct;
  }

  private void check(String member, Class<? extends Shape> expected) {
    if (shape != null) {
      Shape s = memberShape(model, shape, member);
      if (expected != null && !expected.isInstance(s)) {
        throw new IllegalStateException("member " + member + " of " + shape.name() + " is a "
            + s.getClass().getSimpleName() + " (" + s.name() + "), not a "
            + expected.getSimpleName());
      }
    }
  }

  /** The shape of a member; a member the structure cannot have is a bug of the caller. */
  private static Shape memberShape(ServiceModel model, Shape.Structure shape, String member) {
    Shape.Member m = shape.members().get(member);
    if (m == null) {
      throw new IllegalStateException("structure " + shape.name() + " has no member " + member);
    }
    return model.shape(m.target());
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Builds a {@link Struct}, keeping insertion order. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final ServiceModel model;
    private final Shape.Structure shape;

    private Builder(ServiceModel model, Shape.Structure shape) {
      this.model = model;
      this.shape = shape;
    }

    /** Sets a member; a null value leaves it absent. */
    public Builder put(String member, Object value) {
      if (shape != null) {
        Shape s = memberShape(model, shape, member);
        if (value != null && !fits(s, value)) {
          throw new IllegalStateException("member " + member + " of " + shape.name()
              + " (" + s.name() + ") cannot hold a " + value.getClass().getSimpleName());
        }
      }
      if (value != null) {
        values.put(member, value);
      }
      return this;
    }

    public Struct build() {
      return new Struct(Collections.unmodifiableMap(new LinkedHashMap<>(values)), model, shape);
    }
  }
}
