package dev.portcullis.protocol.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain maps (in document order), lists, strings, numbers and booleans with
 * Jackson's streaming parser: the service models are read at start-up, where initialising a
 * full object mapper costs more than the parse.
 */
final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  static Object read(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      p.nextToken();
      return value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> map = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        map.put(name, value(p));
      }
      return map;
    } else if (t == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(value(p));
      }
      return list;
    } else if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    } else if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return p.getBooleanValue();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object node, String member) {
    Object v = node instanceof Map<?, ?> m ? m.get(member) : null;
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object node, String member) {
    Object v = node instanceof Map<?, ?> m ? m.get(member) : null;
    return v instanceof List<?> ? (List<Object>) v : List.of();
  }

  static String text(Object node, String member) {
    Object v = node instanceof Map<?, ?> m ? m.get(member) : null;
    return v == null ? null : v.toString();
  }

  static Long number(Object node, String member) {
    Object v = node instanceof Map<?, ?> m ? m.get(member) : null;
    return v instanceof Number n ? n.longValue() : null;
  }

  static boolean flag(Object node, String member) {
    Object v = node instanceof Map<?, ?> m ? m.get(member) : null;
    return v instanceof Boolean b && b;
  }
}
