package dev.portcullis.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Strict JSON reading and the shapes of values the policy grammar allows. */
final class JsonValues {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private JsonValues() {}

  /** The JSON object in {@code json}; duplicate keys and trailing content are syntax errors. */
  static JsonNode readObject(String json) {
    if (json == null || json.isBlank()) {
      throw MalformedPolicyException.syntax("the policy document is empty");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw MalformedPolicyException.syntax("invalid JSON: " + describe(e));
    }
    if (root == null || !root.isObject()) {
      throw MalformedPolicyException.syntax("the policy document is not a JSON object");
    }
    return root;
  }

  /** Rejects any field of {@code object} not in {@code allowed}; field names are case-sensitive. */
  static void requireKnownFields(JsonNode object, Set<String> allowed, String path) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!allowed.contains(field.getKey())) {
        throw MalformedPolicyException.syntax(
            "unknown field " + field.getKey() + (path.isEmpty() ? "" : " in " + path));
      }
    }
  }

  /** A value AWS accepts as either one string or an array of strings. */
  static List<String> stringOrStrings(JsonNode node, String path) {
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    if (!node.isArray()) {
      throw MalformedPolicyException.syntax(path + " must be a string or an array of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual()) {
        throw MalformedPolicyException.syntax(path + "[" + i + "] must be a string");
      }
      values.add(element.textValue());
    }
    return values;
  }

  /** A value that must be a string. */
  static String string(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw MalformedPolicyException.syntax(path + " must be a string");
    }
    return node.textValue();
  }

  private static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return e.getOriginalMessage() + where;
  }
}
