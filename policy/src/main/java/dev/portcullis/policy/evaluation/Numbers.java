package dev.portcullis.policy.evaluation;

/**
 * Reads the integers and decimals Numeric conditions compare. Integers compare exactly as longs;
 * anything else as doubles. A request value that is not a number matches nothing.
 */
final class Numbers {
  /** What {@link #compare} answers for a request value that is not a number. */
  static final int NOT_A_NUMBER = Integer.MIN_VALUE;

  private static final int MAX_LONG_DIGITS = 18;

  /** A policy value read once at compile time. */
  record NumberValue(boolean integral, long longValue, double doubleValue) {}

  private Numbers() {}

  /** The number written as {@code text}, or null if it is not one. */
  static NumberValue parse(String text) {
    String s = text.trim();
    if (isInteger(s)) {
      long value = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      return new NumberValue(true, value, value);
    }
    if (!isDecimal(s)) {
      return null;
    }
    return new NumberValue(false, 0, Double.parseDouble(s));
  }

  /** The sign of {@code request - policy}, or {@link #NOT_A_NUMBER}. */
  static int compare(String request, NumberValue policy) {
    if (isInteger(request)) {
      long value = parseLong(request);
      return policy.integral()
          ? Long.compare(value, policy.longValue())
          : Double.compare(value, policy.doubleValue());
    }
    if (!isDecimal(request)) {
      return NOT_A_NUMBER;
    }
    double value = Double.parseDouble(request);
    return Double.compare(value, policy.doubleValue());
  }

  /** An optional sign and up to 18 digits, which always fit a long. */
  private static boolean isInteger(String s) {
    int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    int digits = s.length() - start;
    if (digits == 0 || digits > MAX_LONG_DIGITS) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parseLong(String s) {
    boolean negative = s.charAt(0) == '-';
    int start = negative || s.charAt(0) == '+' ? 1 : 0;
    long value = 0;
    for (int i = start; i < s.length(); i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return negative ? -value : value;
  }

  /** Digits with an optional sign, fraction and exponent; what Double.parseDouble reads of it. */
  private static boolean isDecimal(String s) {
    int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    int intDigits = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int expDigits = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == s.length();
  }
}
