package dev.portcullis.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes AWS JSON protocol bodies, walking the operation's output shape so that member names
 * come from the model: timestamps as epoch seconds (with milliseconds when there are any),
 * blobs as base64; errors as {@code {"__type": code, "message": text}}. As in the XML encoder,
 * an output member the shape does not have, or a value of the wrong type for its shape, throws
 * {@link IllegalStateException} (a ServiceFailure to the client, a failed test) rather than
 * being dropped or written as text.
 */
public final class JsonEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final ServiceModel model;

  public JsonEncoder(ServiceModel model) {
    this.model = model;
  }

  /** The body of a successful call: the output structure, or {} for an operation without. */
  public byte[] response(Operation op, Struct output) {
    return write(g -> {
      if (op.output() == null) {
        g.writeStartObject();
        g.writeEndObject();
      } else {
        structure((Shape.Structure) model.shape(op.output()), output, g);
      }
    });
  }

  /** The error body; {@code code} is the JSON protocol's code (see {@link JsonErrors}). */
  public static byte[] error(ErrorCode code, AwsException e) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("__type", code.code());
      g.writeStringField("message", e.getMessage() == null ? "" : e.getMessage());
      g.writeEndObject();
    });
  }

  private interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the members in the shape's order; a member the shape lacks is found by counting the
   * members written (no lookup per member), as {@code XmlEncoder} does.
   */
  private void structure(Shape.Structure shape, Struct value, JsonGenerator g)
      throws IOException {
    Map<String, Object> values = value.asMap();
    int written = 0;
    g.writeStartObject();
    for (Shape.Member m : shape.members().values()) {
      Object v = values.get(m.name());
      if (v != null) {
        g.writeFieldName(m.name());
        value(m.name(), model.shape(m.target()), v, g);
        written++;
      }
    }
    if (written != values.size()) {
      for (String member : values.keySet()) {
        if (!shape.members().containsKey(member)) {
          throw new IllegalStateException(
              "output structure " + shape.name() + " has no member " + member);
        }
      }
    }
    g.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private void value(String name, Shape shape, Object value, JsonGenerator g)
      throws IOException {
    if (!Struct.fits(shape, value)) {
      throw new IllegalStateException("member " + name + " (" + shape.name()
          + ") cannot hold " + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
    }
    if (shape instanceof Shape.Structure s) {
      structure(s, (Struct) value, g);
    } else if (shape instanceof Shape.ListOf l) {
      Shape member = model.shape(l.member());
      g.writeStartArray();
      for (Object item : (List<Object>) value) {
        value(name + ".member", member, item, g);
      }
      g.writeEndArray();
    } else if (shape instanceof Shape.MapOf m) {
      Shape valueShape = model.shape(m.value());
      g.writeStartObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        g.writeFieldName(e.getKey());
        value(name + ".value", valueShape, e.getValue(), g);
      }
      g.writeEndObject();
    } else if (shape instanceof Shape.Timestamp) {
      g.writeNumber(epochSeconds((Instant) value));
    } else if (shape instanceof Shape.Blob) {
      g.writeString(Base64.getEncoder().encodeToString((byte[]) value));
    } else if (shape instanceof Shape.Number) {
      g.writeNumber(((Number) value).longValue());
    } else if (shape instanceof Shape.Decimal) {
      g.writeNumber(((Number) value).doubleValue());
    } else if (shape instanceof Shape.Bool) {
      g.writeBoolean((Boolean) value);
    } else {
      g.writeString(value.toString());
    }
  }

  /** Epoch seconds, with the milliseconds as a fraction when there are any (1700000000.5). */
  static String epochSeconds(Instant t) {
    Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
    return ms.getNano() == 0 ? Long.toString(ms.getEpochSecond())
        : BigDecimal.valueOf(ms.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
  }
}
