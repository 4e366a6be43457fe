package dev.portcullis.protocol.query;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.UriEncoding;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Query-protocol XML responses and error envelopes, walking the operation's output shape
 * so that element names and order come from the model. An output member the shape does not
 * have, or a value of the wrong type for its shape, throws {@link IllegalStateException} (a
 * ServiceFailure to the client, a failed test) rather than being dropped or written as text.
 */
public final class XmlEncoder {
  private final ServiceModel model;
  private final Set<String> urlEncodedShapes;

  /**
   * @param urlEncodedShapes string shapes whose values the service returns URL-encoded
   *     (IAM's {@code policyDocumentType})
   */
  public XmlEncoder(ServiceModel model, Set<String> urlEncodedShapes) {
    this.model = model;
    this.urlEncodedShapes = Set.copyOf(urlEncodedShapes);
  }

  /** The whole response document of a successful call. */
  public String response(Operation op, Struct output, String requestId) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<").append(op.name()).append("Response xmlns=\"")
        .append(model.xmlNamespace()).append("\">");
    if (op.output() != null && op.resultWrapper() != null) {
      xml.append('<').append(op.resultWrapper()).append('>');
      members((Shape.Structure) model.shape(op.output()), output, xml);
      xml.append("</").append(op.resultWrapper()).append('>');
    }
    xml.append("<ResponseMetadata><RequestId>").append(requestId)
        .append("</RequestId></ResponseMetadata></").append(op.name()).append("Response>");
    return xml.toString();
  }

  /** The error envelope AWS answers on the Query protocol. */
  public String error(AwsException e, String requestId) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<ErrorResponse xmlns=\"").append(model.xmlNamespace()).append("\"><Error><Type>")
        .append(e.code().faultType()).append("</Type><Code>").append(e.code().code())
        .append("</Code><Message>");
    escape(e.getMessage() == null ? "" : e.getMessage(), xml);
    xml.append("</Message></Error><RequestId>").append(requestId)
        .append("</RequestId></ErrorResponse>");
    return xml.toString();
  }

  /**
   * Writes the members in the shape's order. A member the shape does not have, which would be
   * silently left out, is a bug of the handler: counting the members written finds one without
   * a lookup per member.
   */
  private void members(Shape.Structure shape, Struct value, StringBuilder xml) {
    Map<String, Object> values = value.asMap();
    int written = 0;
    for (Shape.Member m : shape.members().values()) {
      Object v = values.get(m.name());
      if (v != null) {
        element(m.name(), model.shape(m.target()), v, xml);
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
  }

  private void element(String name, Shape shape, Object value, StringBuilder xml) {
    if (!Struct.fits(shape, value)) {
      throw new IllegalStateException("element " + name + " (" + shape.name()
          + ") cannot hold a " + value.getClass().getSimpleName());
    }
    xml.append('<').append(name).append('>');
    content(shape, value, xml);
    xml.append("</").append(name).append('>');
  }

  @SuppressWarnings("unchecked")
  private void content(Shape shape, Object value, StringBuilder xml) {
    if (shape instanceof Shape.Structure s) {
      members(s, (Struct) value, xml);
    } else if (shape instanceof Shape.ListOf l) {
      Shape member = model.shape(l.member());
      for (Object item : (List<Object>) value) {
        element("member", member, item, xml);
      }
    } else if (shape instanceof Shape.MapOf m) {
      Shape valueShape = model.shape(m.value());
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        xml.append("<entry><key>");
        escape(e.getKey(), xml);
        xml.append("</key>");
        element("value", valueShape, e.getValue(), xml);
        xml.append("</entry>");
      }
    } else if (shape instanceof Shape.Timestamp) {
      xml.append(timestamp((Instant) value));
    } else if (shape instanceof Shape.Blob) {
      xml.append(Base64.getEncoder().encodeToString((byte[]) value));
    } else if (urlEncodedShapes.contains(shape.name())) {
      xml.append(UriEncoding.encode(value.toString()));
    } else {
      escape(value.toString(), xml);
    }
  }

  /** ISO-8601 in UTC with second precision, as AWS writes dates. */
  public static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Escapes markup characters. Characters XML 1.0 cannot carry at all, not even as character
   * references (most C0 controls, U+FFFE/U+FFFF, unpaired surrogates), become U+FFFD so that an
   * echoed client value never makes the document unparseable.
   */
  static void escape(String s, StringBuilder xml) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> xml.append("&amp;");
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        case '\r' -> xml.append("&#xD;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            xml.append(c).append(s.charAt(++i));
          } else if ((c < 0x20 && c != '\n' && c != '\t') || Character.isSurrogate(c)
              || c == '\ufffe' || c == '\uffff') {
            xml.append('\ufffd');
          } else {
            xml.append(c);
          }
        }
      }
    }
  }
}
