package dev.portcullis.protocol.query;

import dev.portcullis.protocol.AwsException;
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
    Struct result = structure((Shape.Structure) model.shape(inputShape), "", "", params,
        violations);
    if (!violations.isEmpty()) {
      int n = violations.size();
      throw new AwsException(ErrorCode.VALIDATION_ERROR, n + " validation error"
          + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
    }
    return result;
  }

  private Struct structure(Shape.Structure shape, String prefix, String path,
      Map<String, String> params, List<String> violations) {
    Struct.Builder b = Struct.builder();
    for (Shape.Member m : shape.members().values()) {
      String key = prefix + m.name();
      String memberPath = path.isEmpty() ? lowerFirst(m.name()) : path + "." + lowerFirst(m.name());
      Object value = value(model.shape(m.target()), key, memberPath, params, violations);
      if (value == null && shape.required().contains(m.name())) {
        violations.add("Value null at '" + memberPath
            + "' failed to satisfy constraint: Member must not be null");
      }
      b.put(m.name(), value);
    }
    return b.build();
  }

  private Object value(Shape shape, String key, String path, Map<String, String> params,
      List<String> violations) {
    if (shape instanceof Shape.Structure s) {
      return hasPrefix(params, key + ".") ? structure(s, key + ".", path, params, violations)
          : null;
    } else if (shape instanceof Shape.ListOf l) {
      return list(l, key, path, params, violations);
    } else if (shape instanceof Shape.MapOf m) {
      return map(m, key, path, params, violations);
    }
    return scalar(shape, params.get(key), path, violations);
  }

  private List<Object> list(Shape.ListOf shape, String key, String path,
      Map<String, String> params, List<String> violations) {
    List<Object> items = new ArrayList<>();
    Shape member = model.shape(shape.member());
    for (int i = 1; ; i++) {
      String itemKey = key + ".member." + i;
      Object item = value(member, itemKey, path + "." + i + ".member", params, violations);
      if (item == null) {
        break;
      }
      items.add(item);
    }
    // An empty list is sent as "Name=" with no members.
    if (items.isEmpty() && !params.containsKey(key)) {
      return null;
    }
    checkLength("length", items.size(), shape.min(), shape.max(), path, "", violations);
    return List.copyOf(items);
  }

  private Map<String, Object> map(Shape.MapOf shape, String key, String path,
      Map<String, String> params, List<String> violations) {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (int i = 1; params.containsKey(key + ".entry." + i + ".key"); i++) {
      String prefix = key + ".entry." + i;
      // Keys have a shape with constraints of their own (a tag key's pattern, an enum...).
      scalar(model.shape(shape.key()), params.get(prefix + ".key"), path + "." + i + ".key",
          violations);
      Object v = value(model.shape(shape.value()), prefix + ".value", path + "." + i + ".value",
          params, violations);
      entries.put(params.get(prefix + ".key"), v);
    }
    return entries.isEmpty() ? null : entries;
  }

  private Object scalar(Shape shape, String raw, String path, List<String> violations) {
    if (raw == null) {
      return null;
    }
    if (shape instanceof Shape.Text t) {
      checkText(t, raw, path, violations);
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
        checkLength("length", bytes.length, bl.min(), bl.max(), path, "Value ", violations);
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
      long v = Long.parseLong(raw.trim());
      checkLength("value", v, n.min(), n.max(), path, shown(raw, false), violations);
      if (n.isLong()) {
        return v;
      }
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        violations.add(shown(raw, false) + "at '" + path
            + "' failed to satisfy constraint: Member must be a 32-bit integer");
        return null;
      }
      return (int) v;
    } catch (NumberFormatException e) {
      violations.add(shown(raw, false) + "at '" + path
          + "' failed to satisfy constraint: Member must be a number");
      return null;
    }
  }

  private static void checkText(Shape.Text t, String raw, String path, List<String> violations) {
    String shown = shown(raw, t.sensitive());
    if (!t.enumValues().isEmpty() && !t.enumValues().contains(raw)) {
      violations.add(shown + "at '" + path
          + "' failed to satisfy constraint: Member must satisfy enum value set: "
          + t.enumValues());
      return;
    }
    int before = violations.size();
    checkLength("length", raw.length(), t.min(), t.max(), path, shown, violations);
    if (violations.size() == before && t.pattern() != null && !t.pattern().matches(raw)) {
      violations.add(shown + "at '" + path
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + t.pattern().text());
    }
  }

  private static void checkLength(String what, long actual, Long min, Long max, String path,
      String shown, List<String> violations) {
    if (min != null && actual < min) {
      violations.add(shown + "at '" + path + "' failed to satisfy constraint: Member must have "
          + what + " greater than or equal to " + min);
    } else if (max != null && actual > max) {
      violations.add(shown + "at '" + path + "' failed to satisfy constraint: Member must have "
          + what + " less than or equal to " + max);
    }
  }

  /** AWS quotes the offending value unless the member is sensitive (a password, a secret). */
  private static String shown(String raw, boolean sensitive) {
    return sensitive ? "Value " : "Value '" + raw + "' ";
  }

  private static boolean hasPrefix(Map<String, String> params, String prefix) {
    for (String k : params.keySet()) {
      if (k.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
