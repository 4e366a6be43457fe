package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Condition element into one {@link Condition} per operator and key; see {@link
 * DocumentReader}. Date values AWS cannot read are legacy problems. An operator with no keys, or a
 * key with an empty list of values, is accepted as AWS accepts it: the first constrains nothing,
 * the second is a condition no request value can satisfy.
 */
final class ConditionReader {
  private ConditionReader() {}

  static List<Condition> read(JsonNode node, String path, List<String> legacyProblems) {
    if (!node.isObject()) {
      throw MalformedPolicyException.syntax(path + " must be an object of condition operators");
    }
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> operatorField : node.properties()) {
      String operatorPath = path + "." + operatorField.getKey();
      JsonNode keys = operatorField.getValue();
      if (!keys.isObject()) {
        throw MalformedPolicyException.syntax(
            operatorPath + " must be an object of condition keys and values");
      }
      Optional<ConditionOperator> parsed = ConditionOperator.parse(operatorField.getKey());
      if (parsed.isEmpty() && keys.isEmpty()) {
        // AWS stores {"AnyName": {}} without complaint: an operator that tests no key is ignored.
        continue;
      }
      ConditionOperator operator =
          parsed.orElseThrow(
              () ->
                  MalformedPolicyException.syntax(
                      "unknown condition operator " + operatorField.getKey() + " in " + path));
      for (Map.Entry<String, JsonNode> keyField : keys.properties()) {
        String keyPath = operatorPath + "." + keyField.getKey();
        List<ConditionValue> values = readValues(keyField.getValue(), keyPath);
        if (operator.base().family() == ConditionFamily.DATE) {
          checkDates(values, keyPath, legacyProblems);
        }
        conditions.add(new Condition(operator, keyField.getKey(), values));
      }
    }
    return conditions;
  }

  private static List<ConditionValue> readValues(JsonNode node, String path) {
    if (!node.isArray()) {
      return List.of(readValue(node, path));
    }
    List<ConditionValue> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(readValue(node.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private static ConditionValue readValue(JsonNode node, String path) {
    if (node.isTextual()) {
      return ConditionValue.string(node.textValue());
    }
    if (node.isNumber()) {
      return new ConditionValue(node.numberValue().toString(), ConditionValue.Type.NUMBER);
    }
    if (node.isBoolean()) {
      return new ConditionValue(Boolean.toString(node.booleanValue()), ConditionValue.Type.BOOLEAN);
    }
    throw MalformedPolicyException.syntax(path + " must be a string, number or boolean");
  }

  private static void checkDates(List<ConditionValue> values, String path, List<String> problems) {
    for (ConditionValue value : values) {
      if (!DateValues.isReadable(value.text())) {
        problems.add(path + " is not a date: " + value.text());
      }
    }
  }
}
