package dev.portcullis.policy.evaluation;

import java.util.Locale;

/**
 * A policy variable such as {@code ${aws:username}} or {@code ${aws:PrincipalTag/team, 'none'}}.
 *
 * @param key the condition key as written, for reporting it missing
 * @param lowerKey the key lower-cased, for lookups
 * @param defaultValue the value used when the request lacks the key, or null
 */
record Variable(String key, String lowerKey, String defaultValue) {

  /**
   * The variable written inside {@code ${...}}: a key, optionally followed by a comma and a default
   * value in single quotes.
   */
  static Variable parse(String inner) {
    int comma = inner.indexOf(',');
    if (comma >= 0) {
      String rest = inner.substring(comma + 1).trim();
      if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
        String key = inner.substring(0, comma).trim();
        return new Variable(
            key, key.toLowerCase(Locale.ROOT), rest.substring(1, rest.length() - 1));
      }
    }
    String key = inner.trim();
    return new Variable(key, key.toLowerCase(Locale.ROOT), null);
  }

  /**
   * The variable's value in the request: the key's single value, else the default. Null when
   * neither exists, having noted the key as missing. A multivalued key cannot be a variable.
   */
  String resolve(EvaluationState state) {
    String value = state.request().singleValueOfLowerKey(lowerKey);
    if (value != null) {
      return value;
    }
    if (defaultValue == null) {
      state.missingKey(key);
    }
    return defaultValue;
  }
}
