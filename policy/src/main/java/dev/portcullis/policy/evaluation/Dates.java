package dev.portcullis.policy.evaluation;

/**
 * Reads the dates Date conditions compare, without allocating: epoch seconds (all digits) or the
 * W3C profile of ISO 8601, from a bare year ({@code 2024}) to {@code
 * 2024-06-30T12:00:00.123+02:00}. A date without a zone is UTC. Fractions finer than a millisecond
 * are dropped.
 */
final class Dates {
  /** What {@link #epochMillis} answers for text that is not a date. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int MAX_EPOCH_DIGITS = 15;

  private Dates() {}

  /** The instant {@code s} denotes, in milliseconds since the epoch, or {@link #INVALID}. */
  static long epochMillis(String s) {
    int n = s.length();
    if (n == 0) {
      return INVALID;
    }
    int digits = digitsAt(s, 0);
    if (digits == n && n <= MAX_EPOCH_DIGITS) {
      return number(s, 0, n) * 1000;
    }
    if (digits != 4) {
      return INVALID;
    }
    long year = number(s, 0, 4);
    int month = 1;
    int day = 1;
    int i = 4;
    if (i < n && s.charAt(i) == '-') {
      if (digitsAt(s, i + 1) < 2) {
        return INVALID;
      }
      month = (int) number(s, i + 1, i + 3);
      i += 3;
      if (i < n && s.charAt(i) == '-') {
        if (digitsAt(s, i + 1) < 2) {
          return INVALID;
        }
        day = (int) number(s, i + 1, i + 3);
        i += 3;
      }
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    long millis = daysFromCivil(year, month, day) * 86_400_000L;
    if (i == n) {
      return millis;
    }
    if (s.charAt(i) != 'T' && s.charAt(i) != 't') {
      return INVALID;
    }
    return time(s, i + 1, millis);
  }

  /** Adds {@code hh[:mm[:ss[.fff]]][zone]} from {@code i} to the start of the day. */
  private static long time(String s, int i, long dayMillis) {
    int n = s.length();
    long millis = dayMillis;
    int fields = 0;
    while (fields < 3) {
      int limit = fields == 0 ? 23 : fields == 1 ? 59 : 60;
      if (digitsAt(s, i) < 2 || number(s, i, i + 2) > limit) {
        return INVALID;
      }
      long unit = fields == 0 ? 3_600_000L : fields == 1 ? 60_000L : 1000L;
      millis += number(s, i, i + 2) * unit;
      i += 2;
      fields++;
      if (i < n && s.charAt(i) == ':' && fields < 3) {
        i++;
      } else {
        break;
      }
    }
    if (i < n && s.charAt(i) == '.' && fields == 3) {
      int fraction = digitsAt(s, i + 1);
      if (fraction == 0) {
        return INVALID;
      }
      int scale = 100;
      for (int k = 0; k < Math.min(fraction, 3); k++) {
        millis += (s.charAt(i + 1 + k) - '0') * scale;
        scale /= 10;
      }
      i += 1 + fraction;
    }
    return zone(s, i, millis);
  }

  private static long zone(String s, int i, long millis) {
    int n = s.length();
    if (i == n) {
      return millis;
    }
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      return millis;
    }
    if ((c != '+' && c != '-') || digitsAt(s, i + 1) < 2) {
      return INVALID;
    }
    int hours = (int) number(s, i + 1, i + 3);
    int j = i + 3;
    int minutes = 0;
    if (j < n && s.charAt(j) == ':') {
      j++;
    }
    if (j < n) {
      if (digitsAt(s, j) != 2 || j + 2 != n) {
        return INVALID;
      }
      minutes = (int) number(s, j, j + 2);
    }
    if (hours > 23 || minutes > 59) {
      return INVALID;
    }
    long offset = hours * 3_600_000L + minutes * 60_000L;
    return c == '+' ? millis - offset : millis + offset;
  }

  private static int digitsAt(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private static long number(String s, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  private static int daysInMonth(long year, int month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  private static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
