package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * An ARN pattern matched the way AWS matches Resource elements and ARN conditions: each of the six
 * colon-separated fields separately, so a wildcard never spans a colon, except in the last field
 * (the resource), which runs to the end and may itself hold colons. A pattern with fewer than six
 * fields, such as {@code *}, is matched against the whole value.
 *
 * <p>The leading fields without wildcards or variables (usually {@code arn:aws:service:}) are
 * compared in one go, since their colons must then sit exactly where the value's first colons are.
 */
final class ArnPattern {
  private static final int FIELDS = 6;

  private final Glob[] fields;
  private final Glob whole;
  private final String literalHead;
  private final int firstOpenField;

  private ArnPattern(Glob[] fields, Glob whole, String literalHead, int firstOpenField) {
    this.fields = fields;
    this.whole = whole;
    this.literalHead = literalHead;
    this.firstOpenField = firstOpenField;
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
      return new ArnPattern(null, Glob.compile(text, true, variables, false), "", 0);
    }
    Glob[] fields = new Glob[FIELDS];
    StringBuilder head = new StringBuilder();
    int open = -1;
    for (int i = 0; i < FIELDS; i++) {
      boolean vars = variables && (variablesBeforeResource || i == FIELDS - 1);
      String part = parts.get(i);
      fields[i] = Glob.compile(part, true, vars, false);
      boolean literal =
          part.indexOf('*') < 0 && part.indexOf('?') < 0 && !(vars && part.contains("${"));
      if (open < 0 && literal && i < FIELDS - 1) {
        head.append(part).append(':');
      } else if (open < 0) {
        open = i;
      }
    }
    return new ArnPattern(fields, null, head.toString(), open);
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
    if (!value.startsWith(literalHead)) {
      return Tri.NO;
    }
    int result = Tri.YES;
    int start = literalHead.length();
    for (int i = firstOpenField; i < FIELDS; i++) {
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
