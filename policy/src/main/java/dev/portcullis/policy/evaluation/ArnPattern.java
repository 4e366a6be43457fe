package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * An ARN pattern matched the way AWS matches Resource elements and ARN conditions: each of the six
 * colon-separated fields separately, so a wildcard never spans a colon, except in the last field
 * (the resource), which runs to the end and may itself hold colons. A pattern with fewer than six
 * fields, such as {@code *}, is matched against the whole value.
 */
final class ArnPattern {
  private static final int FIELDS = 6;

  private final Glob[] fields;
  private final Glob whole;

  private ArnPattern(Glob[] fields, Glob whole) {
    this.fields = fields;
    this.whole = whole;
  }

  /**
   * Compiles {@code text}.
   *
   * @param variables whether the document's version has policy variables
   * @param variablesBeforeResource whether variables may appear before the resource field (ARN
   *     conditions) or only in it (the Resource element)
   */
  static ArnPattern compile(String text, boolean variables, boolean variablesBeforeResource) {
    List<String> parts = split(text, variables);
    if (parts.size() < FIELDS) {
      return new ArnPattern(null, Glob.compile(text, true, variables, false));
    }
    Glob[] fields = new Glob[FIELDS];
    for (int i = 0; i < FIELDS; i++) {
      boolean vars = variables && (variablesBeforeResource || i == FIELDS - 1);
      fields[i] = Glob.compile(parts.get(i), true, vars, false);
    }
    return new ArnPattern(fields, null);
  }

  /** The first five fields and the rest, splitting at colons outside {@code ${...}}. */
  private static List<String> split(String text, boolean variables) {
    List<String> parts = new ArrayList<>(FIELDS);
    int start = 0;
    int depth = 0;
    for (int i = 0; i < text.length() && parts.size() < FIELDS - 1; i++) {
      char c = text.charAt(i);
      if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ':' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Whether the pattern is {@code *}, matching every value. */
  boolean matchesEverything() {
    return whole != null && whole.matchesEverything();
  }

  int match(String value, EvaluationState state) {
    if (whole != null) {
      return whole.match(value, state);
    }
    int result = Tri.YES;
    int start = 0;
    for (int i = 0; i < FIELDS; i++) {
      int end = i == FIELDS - 1 ? value.length() : value.indexOf(':', start);
      if (end < 0) {
        return Tri.NO;
      }
      result = Tri.and(result, fields[i].match(value, start, end, state));
      if (result == Tri.NO) {
        return Tri.NO;
      }
      start = end + 1;
    }
    return result;
  }
}
