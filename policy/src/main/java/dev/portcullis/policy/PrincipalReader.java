package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Principal or NotPrincipal element; see {@link DocumentReader}. */
final class PrincipalReader {
  private static final String ANYONE = "*";

  private PrincipalReader() {}

  static PrincipalElement read(JsonNode node, boolean negated, String statementPath) {
    String path = statementPath + (negated ? ".NotPrincipal" : ".Principal");
    if (node.isTextual()) {
      if (!ANYONE.equals(node.textValue())) {
        throw MalformedPolicyException.syntax(
            path + " must be \"*\" or an object such as {\"AWS\": \"123456789012\"}");
      }
      return new PrincipalElement(negated, new Principal.Anyone());
    }
    if (!node.isObject()) {
      throw MalformedPolicyException.syntax(path + " must be \"*\" or an object");
    }
    Map<PrincipalType, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      List<String> list = JsonValues.stringOrStrings(field.getValue(), path + "." + field.getKey());
      PrincipalType type =
          PrincipalType.fromKey(field.getKey())
              .orElseThrow(
                  () ->
                      new MalformedPolicyException(
                          PolicyErrors.invalidPrincipal(
                              field.getKey(), list.isEmpty() ? "" : list.get(0)),
                          path + " has unknown principal type " + field.getKey()));
      values.put(type, list);
    }
    return new PrincipalElement(negated, new Principal.Named(values));
  }
}
