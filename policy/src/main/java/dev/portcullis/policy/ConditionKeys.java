package dev.portcullis.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys a policy consults, as GetContextKeysForCustomPolicy lists them: the keys
 * of its Condition elements and the keys of the policy variables ({@code ${aws:username}}) in
 * its Resource elements and condition values, in document order, each once whatever its case
 * (the first spelling wins).
 */
public final class ConditionKeys {
  private ConditionKeys() {}

  /** The keys of every document, in order, deduplicated across them. */
  public static List<String> of(List<PolicyDocument> documents) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (PolicyDocument document : documents) {
      collect(document, keys);
    }
    return List.copyOf(keys.values());
  }

  /** The keys of one document. */
  public static List<String> of(PolicyDocument document) {
    return of(List.of(document));
  }

  private static void collect(PolicyDocument document, Map<String, String> keys) {
    boolean variables = document.version().supportsPolicyVariables();
    for (Statement statement : document.statements()) {
      if (variables) {
        statement.resources().ifPresent(r -> r.resources().forEach(v -> variables(v, keys)));
      }
      for (Condition condition : statement.conditions()) {
        add(condition.key(), keys);
        if (variables) {
          condition.values().forEach(v -> variables(v.text(), keys));
        }
      }
    }
  }

  /** Adds the key of every {@code ${key}} or {@code ${key, 'default'}} in {@code text}. */
  static void variables(String text, Map<String, String> keys) {
    for (String key : variableKeys(text)) {
      add(key, keys);
    }
  }

  /**
   * The keys of the policy variables in {@code text}; {@code ${*}}, {@code ${?}} and {@code ${$}}
   * are escapes, not variables.
   */
  static List<String> variableKeys(String text) {
    List<String> out = new ArrayList<>();
    int from = text.indexOf("${");
    while (from >= 0) {
      int end = text.indexOf('}', from + 2);
      if (end < 0) {
        break;
      }
      String inner = text.substring(from + 2, end);
      int comma = inner.indexOf(',');
      String key = (comma < 0 ? inner : inner.substring(0, comma)).trim();
      if (!key.isEmpty() && !key.equals("*") && !key.equals("?") && !key.equals("$")) {
        out.add(key);
      }
      from = text.indexOf("${", end + 1);
    }
    return out;
  }

  private static void add(String key, Map<String, String> keys) {
    keys.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
  }
}
