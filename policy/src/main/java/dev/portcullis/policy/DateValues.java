package dev.portcullis.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Date condition values AWS can read: ISO 8601 dates and date-times, from a bare year to
 * fractions of a second with a zone, and epoch seconds.
 */
final class DateValues {
  private static final Pattern EPOCH = Pattern.compile("\\d{1,19}");
  private static final Pattern ISO_8601 =
      Pattern.compile(
          "-?\\d{1,9}(?:-(\\d{2})(?:-(\\d{2}))?)?"
              + "(?:[Tt](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?)?"
              + "(?:[Zz]|[+-](\\d{2})(?::?(\\d{2}))?)?)?");

  private DateValues() {}

  /** Whether {@code text} is a date AWS can read; policy variables are left to evaluation. */
  static boolean isReadable(String text) {
    if (text.contains("${")) {
      return true;
    }
    if (EPOCH.matcher(text).matches()) {
      return isLong(text);
    }
    Matcher matcher = ISO_8601.matcher(text);
    return matcher.matches()
        && inRange(matcher.group(1), 1, 12)
        && inRange(matcher.group(2), 1, 31)
        && inRange(matcher.group(3), 0, 23)
        && inRange(matcher.group(4), 0, 59)
        && inRange(matcher.group(5), 0, 59)
        && inRange(matcher.group(6), 0, 23)
        && inRange(matcher.group(7), 0, 59);
  }

  private static boolean inRange(String group, int min, int max) {
    if (group == null) {
      return true;
    }
    int value = Integer.parseInt(group);
    return value >= min && value <= max;
  }

  private static boolean isLong(String digits) {
    try {
      Long.parseLong(digits);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
