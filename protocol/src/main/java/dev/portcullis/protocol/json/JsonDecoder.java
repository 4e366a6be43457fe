package dev.portcullis.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Constraints;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an AWS JSON protocol body into a {@link Struct} that knows the operation's input shape
 * (as the Query decoder's do: reading a member the shape lacks fails), in one streaming pass (time linear in the body), and validates it with the same
 * {@link Constraints} as the Query protocol. A body that is no JSON object, a value of the wrong
 * JSON type, a duplicated member or nesting deeper than {@link #MAX_DEPTH} is a
 * SerializationException; members the model does not know are skipped, as AWS does.
 * Timestamps are epoch seconds (numbers, possibly fractional), blobs base64 strings.
 */
public final class JsonDecoder {
  /** Deeper than any input of the bundled models; bounds the parser and this decoder's stack. */
  public static final int MAX_DEPTH = 32;
  // Beyond year 5000 or before 1970 minus as much: no AWS timestamp, and Instant's range holds.
  private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(95_617_584_000L);
  private static final int NANO_DIGITS = 9;
  private static final BigDecimal MINUS_ONE_NANO = BigDecimal.valueOf(-1, NANO_DIGITS);
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private final ServiceModel model;

  public JsonDecoder(ServiceModel model) {
    this.model = model;
  }

  /** Decodes and validates; an empty body is an empty object, as the AWS SDKs send none. */
  public Struct decode(String inputShape, byte[] body) {
    try {
      return decode(inputShape, FACTORY.createParser(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes from a parser made by {@link #parser}; tests count the tokens it reads. */
  Struct decode(String inputShape, JsonParser parser) {
    List<String> violations = new ArrayList<>();
    Struct result = Struct.empty();
    try (JsonParser p = parser) {
      JsonToken first = p.nextToken();
      if (first != null) {
        if (first != JsonToken.START_OBJECT) {
          throw serialization("The request body must be a JSON object");
        }
        if (inputShape == null) {
          p.skipChildren();
        } else {
          result = structure((Shape.Structure) model.shape(inputShape), p, "", violations);
        }
        if (p.nextToken() != null) {
          throw serialization("Unexpected content after the request's JSON object");
        }
      } else if (inputShape != null) {
        Shape.Structure shape = (Shape.Structure) model.shape(inputShape);
        result = required(shape, Struct.builder(model, shape).build(), "", violations);
      }
    } catch (StreamConstraintsException e) {
      throw serialization("The request body is nested too deeply or holds too large a value "
          + "(at most " + MAX_DEPTH + " levels)");
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input; the location is enough to find the fault.
      throw serialization("The request body is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!violations.isEmpty()) {
      throw Constraints.failure(JsonErrors.VALIDATION, violations);
    }
    return result;
  }

  static JsonParser parser(byte[] body) throws IOException {
    return FACTORY.createParser(body);
  }

  /** Reads the members of an object whose START_OBJECT is the current token. */
  private Struct structure(Shape.Structure shape, JsonParser p, String path,
      List<String> violations) throws IOException {
    Struct.Builder b = Struct.builder(model, shape);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      Shape.Member m = shape.members().get(name);
      if (m == null) {
        p.skipChildren();
        continue;
      }
      b.put(name, value(model.shape(m.target()), p, Constraints.memberPath(path, name),
          violations));
    }
    return required(shape, b.build(), path, violations);
  }

  private static Struct required(Shape.Structure shape, Struct value, String path,
      List<String> violations) {
    for (String r : shape.required()) {
      if (!value.has(r)) {
        violations.add(Constraints.mustNotBeNull(Constraints.memberPath(path, r)));
      }
    }
    return value;
  }

  private Object value(Shape shape, JsonParser p, String path, List<String> violations)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    } else if (shape instanceof Shape.Structure s) {
      expect(t, JsonToken.START_OBJECT, "a structure", path);
      return structure(s, p, path, violations);
    } else if (shape instanceof Shape.ListOf l) {
      expect(t, JsonToken.START_ARRAY, "a list", path);
      return list(l, p, path, violations);
    } else if (shape instanceof Shape.MapOf m) {
      expect(t, JsonToken.START_OBJECT, "a map", path);
      return map(m, p, path, violations);
    } else if (shape instanceof Shape.Text text) {
      expect(t, JsonToken.VALUE_STRING, "a string", path);
      Constraints.checkText(text, p.getText(), path, violations);
      return p.getText();
    } else if (shape instanceof Shape.Number n) {
      expect(t, JsonToken.VALUE_NUMBER_INT, "an integer", path);
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw serialization("The number at '" + path + "' is out of range");
      }
      long v = p.getLongValue();
      return Constraints.checkNumber(n, v, Long.toString(v), path, violations);
    } else if (shape instanceof Shape.Decimal) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        expect(t, JsonToken.VALUE_NUMBER_FLOAT, "a number", path);
      }
      return p.getDoubleValue();
    } else if (shape instanceof Shape.Bool) {
      if (t != JsonToken.VALUE_FALSE) {
        expect(t, JsonToken.VALUE_TRUE, "a boolean", path);
      }
      return t == JsonToken.VALUE_TRUE;
    } else if (shape instanceof Shape.Timestamp) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        expect(t, JsonToken.VALUE_NUMBER_FLOAT, "a timestamp in epoch seconds", path);
      }
      return timestamp(p.getDecimalValue(), path);
    } else if (shape instanceof Shape.Blob bl) {
      expect(t, JsonToken.VALUE_STRING, "a base64-encoded string", path);
      try {
        byte[] bytes = Base64.getDecoder().decode(p.getText());
        Constraints.checkSize(bytes.length, bl.min(), bl.max(), path, "Value ", violations);
        return bytes;
      } catch (IllegalArgumentException e) {
        throw serialization("The value at '" + path + "' is not base64-encoded");
      }
    }
    throw new IllegalStateException("unknown shape " + shape.name());
  }

  /**
   * Reads a list whose START_ARRAY is the current token. Members past the model's maximum are
   * skipped, not decoded: one past it is enough to report the violation.
   */
  private List<Object> list(Shape.ListOf shape, JsonParser p, String path,
      List<String> violations) throws IOException {
    Shape memberShape = model.shape(shape.member());
    List<Object> items = new ArrayList<>();
    long count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      count++;
      if (shape.max() != null && count > shape.max() + 1) {
        p.skipChildren();
        continue;
      }
      String itemPath = path + "." + count + ".member";
      Object item = value(memberShape, p, itemPath, violations);
      if (item == null) {
        violations.add(Constraints.mustNotBeNull(itemPath));
      } else {
        items.add(item);
      }
    }
    Constraints.checkSize(count, shape.min(), shape.max(), path, "", violations);
    return List.copyOf(items);
  }

  private Map<String, Object> map(Shape.MapOf shape, JsonParser p, String path,
      List<String> violations) throws IOException {
    Shape keyShape = model.shape(shape.key());
    Shape valueShape = model.shape(shape.value());
    Map<String, Object> result = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (keyShape instanceof Shape.Text k) {
        Constraints.checkText(k, key, path + "." + key + ".key", violations);
      }
      p.nextToken();
      Object v = value(valueShape, p, path + "." + key + ".value", violations);
      if (v != null) {
        result.put(key, v);
      }
    }
    return result;
  }

  private static Instant timestamp(BigDecimal seconds, String path) {
    if (seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
      throw serialization("The timestamp at '" + path + "' is out of range");
    }
    // Rounding to nanoseconds first costs a power of ten as large as the digits dropped: a
    // value of a few bytes with a huge scale (1e-100000000) would cost minutes and a
    // BigInteger of megabytes, or fail outright. Below a nanosecond in magnitude, it is 0 or
    // -1 ns (floor); otherwise the digits dropped are fewer than the value has.
    if ((long) seconds.scale() - NANO_DIGITS >= seconds.precision()) {
      seconds = seconds.signum() < 0 ? MINUS_ONE_NANO : BigDecimal.ZERO;
    }
    BigDecimal nanoseconds = seconds.setScale(NANO_DIGITS, java.math.RoundingMode.FLOOR);
    BigDecimal whole = nanoseconds.setScale(0, java.math.RoundingMode.FLOOR);
    int nanos = nanoseconds.subtract(whole).movePointRight(NANO_DIGITS).intValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  private static void expect(JsonToken actual, JsonToken expected, String what, String path) {
    if (actual != expected) {
      throw serialization("Expected " + what + " at '" + path + "', found " + describe(actual));
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> t.toString();
    };
  }

  private static AwsException serialization(String message) {
    return new AwsException(JsonErrors.SERIALIZATION, message);
  }
}
