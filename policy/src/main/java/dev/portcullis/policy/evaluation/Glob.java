package dev.portcullis.policy.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled policy value: literal text, optionally with the wildcards {@code *} (any run of
 * characters) and {@code ?} (one character), and with policy variables resolved from the request at
 * match time. Matching allocates nothing unless the value holds variables.
 */
final class Glob {
  private static final byte LITERAL = 0;
  private static final byte STAR = 1;
  private static final byte ONE = 2;
  private static final byte VARIABLE = 3;

  private enum Shape {
    ANY,
    EXACT,
    PREFIX,
    GENERAL
  }

  private final byte[] kinds;
  private final String[] literals;
  private final Variable[] variables;
  private final boolean hasVariables;
  private final boolean ignoreCase;
  private final Shape shape;

  private Glob(
      List<Byte> kinds, List<String> literals, List<Variable> variables, boolean ignoreCase) {
    int n = kinds.size();
    this.kinds = new byte[n];
    for (int i = 0; i < n; i++) {
      this.kinds[i] = kinds.get(i);
    }
    this.literals = literals.toArray(new String[0]);
    this.variables = variables.toArray(new Variable[0]);
    this.hasVariables = variables.stream().anyMatch(v -> v != null);
    this.ignoreCase = ignoreCase;
    this.shape = shapeOf();
  }

  /**
   * Compiles {@code text}.
   *
   * @param wildcards whether {@code *} and {@code ?} are wildcards rather than literal characters
   * @param variables whether {@code ${...}} are policy variables (documents of 2012-10-17)
   * @param ignoreCase whether letters match regardless of case
   */
  static Glob compile(String text, boolean wildcards, boolean variables, boolean ignoreCase) {
    List<Byte> kinds = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    List<Variable> vars = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int close = variables && c == '$' && text.startsWith("{", i + 1) ? text.indexOf('}', i) : -1;
      if (close > 0) {
        String inner = text.substring(i + 2, close);
        if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
          literal.append(inner);
        } else {
          flush(literal, kinds, literals, vars);
          add(kinds, literals, vars, VARIABLE, null, Variable.parse(inner));
        }
        i = close + 1;
        continue;
      }
      if (wildcards && (c == '*' || c == '?')) {
        flush(literal, kinds, literals, vars);
        boolean repeatedStar = c == '*' && !kinds.isEmpty() && kinds.get(kinds.size() - 1) == STAR;
        if (!repeatedStar) {
          add(kinds, literals, vars, c == '*' ? STAR : ONE, null, null);
        }
      } else {
        literal.append(c);
      }
      i++;
    }
    flush(literal, kinds, literals, vars);
    return new Glob(kinds, literals, vars, ignoreCase);
  }

  private static void flush(
      StringBuilder literal, List<Byte> kinds, List<String> literals, List<Variable> vars) {
    if (literal.length() > 0) {
      add(kinds, literals, vars, LITERAL, literal.toString(), null);
      literal.setLength(0);
    }
  }

  private static void add(
      List<Byte> kinds,
      List<String> literals,
      List<Variable> vars,
      byte kind,
      String literal,
      Variable variable) {
    kinds.add(kind);
    literals.add(literal);
    vars.add(variable);
  }

  private Shape shapeOf() {
    if (hasVariables) {
      return Shape.GENERAL;
    }
    if (kinds.length == 1 && kinds[0] == STAR) {
      return Shape.ANY;
    }
    if (kinds.length == 0 || (kinds.length == 1 && kinds[0] == LITERAL)) {
      return Shape.EXACT;
    }
    if (kinds.length == 2 && kinds[0] == LITERAL && kinds[1] == STAR) {
      return Shape.PREFIX;
    }
    return Shape.GENERAL;
  }

  /** Whether the value is the lone wildcard {@code *}. */
  boolean matchesEverything() {
    return shape == Shape.ANY;
  }

  /** Matches the whole of {@code s}. */
  int match(String s, EvaluationState state) {
    return match(s, 0, s.length(), state);
  }

  /**
   * Matches {@code s} from {@code from} to {@code to}; {@link Tri#UNKNOWN} on an unresolved
   * variable.
   */
  int match(String s, int from, int to, EvaluationState state) {
    switch (shape) {
      case ANY:
        return Tri.YES;
      case EXACT:
        String exact = kinds.length == 0 ? "" : literals[0];
        return Tri.of(to - from == exact.length() && startsWith(s, from, exact));
      case PREFIX:
        String prefix = literals[0];
        return Tri.of(to - from >= prefix.length() && startsWith(s, from, prefix));
      default:
        String[] texts = hasVariables ? resolve(state) : literals;
        return texts == null ? Tri.UNKNOWN : Tri.of(matchGeneral(texts, s, from, to));
    }
  }

  private boolean startsWith(String s, int from, String prefix) {
    return ignoreCase
        ? s.regionMatches(true, from, prefix, 0, prefix.length())
        : s.startsWith(prefix, from);
  }

  /** The literal text of each part with variables replaced; null if one cannot be resolved. */
  private String[] resolve(EvaluationState state) {
    String[] texts = literals.clone();
    boolean resolved = true;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == VARIABLE) {
        texts[i] = variables[i].resolve(state);
        resolved &= texts[i] != null;
      }
    }
    return resolved ? texts : null;
  }

  /**
   * The classic wildcard match with backtracking to the last star, over parts rather than
   * characters: {@code p} is the current part and {@code off} the offset within a literal part.
   */
  private boolean matchGeneral(String[] texts, String s, int from, int to) {
    int n = kinds.length;
    int p = 0;
    int off = 0;
    int i = from;
    int starP = -1;
    int starI = -1;
    while (true) {
      while (p < n && isText(p) && off == texts[p].length()) {
        p++;
        off = 0;
      }
      if (i == to) {
        break;
      }
      if (p < n) {
        if (kinds[p] == STAR) {
          starP = ++p;
          starI = i;
          off = 0;
          continue;
        }
        if (kinds[p] == ONE) {
          p++;
          i++;
          continue;
        }
        if (same(texts[p].charAt(off), s.charAt(i))) {
          off++;
          i++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP;
      off = 0;
      i = ++starI;
    }
    while (p < n && (kinds[p] == STAR || (isText(p) && off == texts[p].length()))) {
      p++;
      off = 0;
    }
    return p == n;
  }

  private boolean isText(int part) {
    return kinds[part] == LITERAL || kinds[part] == VARIABLE;
  }

  private boolean same(char a, char b) {
    if (a == b) {
      return true;
    }
    return ignoreCase
        && (Character.toUpperCase(a) == Character.toUpperCase(b)
            || Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
