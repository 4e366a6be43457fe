package dev.portcullis.protocol.query;

import dev.portcullis.protocol.Constraints;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes Query-protocol parameters ({@code Name}, {@code Name.member.N},
 * {@code Name.entry.N.key}) into a {@link Struct} shaped by the operation's input shape, and
 * validates every constraint the model states. All violations are reported together, as AWS does.
 * The parameters are indexed once ({@link ParameterIndex}), so decoding costs time linear in the
 * size of the request, whatever the numbering of its list members.
 */
public final class QueryDecoder {
  private final ServiceModel model;

  public QueryDecoder(ServiceModel model) {
    this.model = model;
  }

  /** Decodes and validates the input of an operation; throws ValidationError on violations. */
  public Struct decode(String inputShape, Map<String, String> params) {
    if (inputShape == null) {
      return Struct.empty();
    }
    List<String> violations = new ArrayList<>();
    Struct result = structure((Shape.Structure) model.shape(inputShape),
        ParameterIndex.of(params), "", violations);
    if (!violations.isEmpty()) {
      throw Constraints.failure(ErrorCode.VALIDATION_ERROR, violations);
    }
    return result;
  }

  private Struct structure(Shape.Structure shape, ParameterIndex node, String path,
      List<String> violations) {
    Struct.Builder b = Struct.builder(model, shape);
    for (Shape.Member m : shape.members().values()) {
      String memberPath = Constraints.memberPath(path, m.name());
      Object value = value(model.shape(m.target()), node.child(m.name()), memberPath, violations);
      if (value == null && shape.required().contains(m.name())) {
        violations.add(Constraints.mustNotBeNull(memberPath));
      }
      b.put(m.name(), value);
    }
    return b.build();
  }

  private Object value(Shape shape, ParameterIndex node, String path, List<String> violations) {
    if (node == null) {
      return null;
    } else if (shape instanceof Shape.Structure s) {
      return node.hasChildren() ? structure(s, node, path, violations) : null;
    } else if (shape instanceof Shape.ListOf l) {
      return list(l, node, path, violations);
    } else if (shape instanceof Shape.MapOf m) {
      return map(m, node, path, violations);
    }
    return scalar(shape, node.value(), path, violations);
  }

  /**
   * Reads {@code Name.member.1} to {@code .N}. Reading stops one member past the model's maximum
   * length, which is enough to report the length violation: the members beyond it are never
   * decoded, so their number costs nothing. A missing number below the highest one is reported,
   * not silently cut off there.
   */
  private List<Object> list(Shape.ListOf shape, ParameterIndex node, String path,
      List<String> violations) {
    ParameterIndex members = node.child("member");
    if (members == null && node.value() == null) {
      return null;
    }
    // An empty list is sent as "Name=" with no members.
    int present = members == null ? 0 : countIndexed(members);
    long toRead = shape.max() == null ? present : Math.min(present, shape.max() + 1);
    Shape memberShape = model.shape(shape.member());
    List<Object> items = new ArrayList<>();
    for (int i = 1; i <= toRead; i++) {
      String itemPath = path + "." + i + ".member";
      int before = violations.size();
      Object item = item(memberShape, members.child(Integer.toString(i)), itemPath, violations);
      if (item == null) {
        if (violations.size() == before) {
          violations.add(Constraints.mustNotBeNull(itemPath));
        }
        return List.copyOf(items);
      }
      items.add(item);
    }
    Constraints.checkSize(items.size(), shape.min(), shape.max(), path, "", violations);
    return List.copyOf(items);
  }

  /** A list member: a structure member is decoded even when empty, to name what it lacks. */
  private Object item(Shape shape, ParameterIndex node, String path, List<String> violations) {
    return node != null && shape instanceof Shape.Structure s
        ? structure(s, node, path, violations) : value(shape, node, path, violations);
  }

  /** Reads {@code Name.entry.N.key} and {@code .value}; a missing N or key is a violation. */
  private Map<String, Object> map(Shape.MapOf shape, ParameterIndex node, String path,
      List<String> violations) {
    ParameterIndex entries = node.child("entry");
    if (entries == null) {
      return null;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    int present = countIndexed(entries);
    for (int i = 1; i <= present; i++) {
      ParameterIndex entry = entries.child(Integer.toString(i));
      ParameterIndex key = entry == null ? null : entry.child("key");
      if (key == null || key.value() == null) {
        violations.add(Constraints.mustNotBeNull(path + "." + i + ".key"));
        return result;
      }
      // Keys have a shape with constraints of their own (a tag key's pattern, an enum...).
      scalar(model.shape(shape.key()), key.value(), path + "." + i + ".key", violations);
      result.put(key.value(), value(model.shape(shape.value()), entry.child("value"),
          path + "." + i + ".value", violations));
    }
    return result.isEmpty() ? null : result;
  }

  /** How many children are numbered as list members are (1, 2, ... without leading zeros). */
  private static int countIndexed(ParameterIndex node) {
    int n = 0;
    for (String segment : node.children().keySet()) {
      if (isIndex(segment)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isIndex(String s) {
    if (s.isEmpty() || s.length() > 9 || s.charAt(0) < '1' || s.charAt(0) > '9') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private Object scalar(Shape shape, String raw, String path, List<String> violations) {
    if (raw == null) {
      return null;
    }
    if (shape instanceof Shape.Text t) {
      Constraints.checkText(t, raw, path, violations);
      return raw;
    } else if (shape instanceof Shape.Number n) {
      return number(n, raw, path, violations);
    } else if (shape instanceof Shape.Bool) {
      String v = raw.trim().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.valueOf(v);
      }
      violations.add("Value '" + raw + "' at '" + path
          + "' failed to satisfy constraint: Member must be a boolean");
    } else if (shape instanceof Shape.Timestamp) {
      try {
        return raw.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochMilli(
            (long) (Double.parseDouble(raw) * 1000)) : OffsetDateTime.parse(raw).toInstant();
      } catch (DateTimeParseException e) {
        violations.add("Value '" + raw + "' at '" + path
            + "' failed to satisfy constraint: Member must be an ISO-8601 timestamp");
      }
    } else if (shape instanceof Shape.Blob bl) {
      try {
        byte[] bytes = Base64.getDecoder().decode(raw.trim());
        Constraints.checkSize(bytes.length, bl.min(), bl.max(), path, "Value ", violations);
        return bytes;
      } catch (IllegalArgumentException e) {
        violations.add("Value at '" + path
            + "' failed to satisfy constraint: Member must be base64-encoded");
      }
    }
    return null;
  }

  private static Object number(Shape.Number n, String raw, String path, List<String> violations) {
    try {
      return Constraints.checkNumber(n, Long.parseLong(raw.trim()), raw, path, violations);
    } catch (NumberFormatException e) {
      violations.add(Constraints.shown(raw, false) + "at '" + path
          + "' failed to satisfy constraint: Member must be a number");
      return null;
    }
  }
}
