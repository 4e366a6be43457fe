package dev.portcullis.policy;

/**
 * Reads the values Date conditions compare, as IAM reads them. A value of digits alone is epoch
 * seconds; anything else is an ISO 8601 date with an optional time and zone offset: {@code
 * [-]Y[-M[-D]][T[h[:m[:s[.f]]]][Z|±hh[[:]mm]]]}, where the year has 1 to 9 digits, month, day,
 * hour, minute and second 1 or 2, the fraction 1 to 9 (separated by a dot or a comma), the offset
 * hours 2, and letters may be of either case. A date without an offset is UTC.
 *
 * <p>The forms come from AWS's answers to CreatePolicy recorded in the malformed-policy corpus:
 * {@code 2016-12-13t2:00:00.593194+23} and {@code 01T} are accepted, {@code +1} as an offset, ten
 * fraction digits and {@code 9223372036854775808} are refused. The year range is the one IAM
 * accepts (-292275054 to 292278993), the range of an epoch-millisecond long. Reading allocates
 * nothing, for the request values evaluated against every Date condition.
 */
public final class DateValues {
  /** What {@link #epochMillis} answers for text that is not a date. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final long MIN_YEAR = -292_275_054L;
  private static final long MAX_YEAR = 292_278_993L;
  private static final int MAX_EPOCH_DIGITS = 19;
  private static final long MAX_EPOCH_SECONDS_AS_MILLIS = Long.MAX_VALUE / 1000;
  /** Days whose start, plus a day of time and a day of offset, still fits a long of millis. */
  private static final long MAX_DAYS = Long.MAX_VALUE / 86_400_000L - 2;

  private DateValues() {}

  /** Whether {@code text} is a date AWS can read; policy variables are left to evaluation. */
  static boolean isReadable(String text) {
    return text.contains("${") || epochMillis(text) != INVALID;
  }

  /**
   * The instant {@code s} denotes, in milliseconds since the epoch, or {@link #INVALID}. Epoch
   * seconds too large for milliseconds read as the latest instant there is.
   */
  public static long epochMillis(String s) {
    int n = s.length();
    if (n == 0) {
      return INVALID;
    }
    int digits = digitsAt(s, 0);
    if (digits == n) {
      return epochSeconds(s);
    }
    return isoDate(s);
  }

  private static long epochSeconds(String s) {
    if (s.length() > MAX_EPOCH_DIGITS) {
      return INVALID;
    }
    long seconds = 0;
    for (int i = 0; i < s.length(); i++) {
      int digit = s.charAt(i) - '0';
      if (seconds > (Long.MAX_VALUE - digit) / 10) {
        return INVALID;
      }
      seconds = seconds * 10 + digit;
    }
    return seconds > MAX_EPOCH_SECONDS_AS_MILLIS ? Long.MAX_VALUE : seconds * 1000;
  }

  private static long isoDate(String s) {
    int n = s.length();
    int i = s.charAt(0) == '-' ? 1 : 0;
    int yearDigits = digitsAt(s, i);
    if (yearDigits < 1 || yearDigits > 9) {
      return INVALID;
    }
    long year = number(s, i, i + yearDigits);
    year = i == 1 ? -year : year;
    i += yearDigits;
    int month = 1;
    int day = 1;
    if (i < n && s.charAt(i) == '-') {
      int monthDigits = digitsAt(s, i + 1);
      if (monthDigits < 1 || monthDigits > 2) {
        return INVALID;
      }
      month = (int) number(s, i + 1, i + 1 + monthDigits);
      i += 1 + monthDigits;
      if (i < n && s.charAt(i) == '-') {
        int dayDigits = digitsAt(s, i + 1);
        if (dayDigits < 1 || dayDigits > 2) {
          return INVALID;
        }
        day = (int) number(s, i + 1, i + 1 + dayDigits);
        i += 1 + dayDigits;
      }
    }
    if (year < MIN_YEAR
        || year > MAX_YEAR
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)) {
      return INVALID;
    }
    long days = daysFromCivil(year, month, day);
    if (Math.abs(days) > MAX_DAYS) {
      // The ends of IAM's year range: the earliest and latest instants there are.
      return days > 0 ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
    }
    long millis = days * 86_400_000L;
    if (i == n) {
      return millis;
    }
    if (s.charAt(i) != 'T' && s.charAt(i) != 't') {
      return INVALID;
    }
    return time(s, i + 1, millis);
  }

  /** Adds {@code [h[:m[:s[.f]]]][zone]} from {@code i} to the start of the day. */
  private static long time(String s, int i, long dayMillis) {
    int n = s.length();
    long millis = dayMillis;
    int fields = 0;
    while (fields < 3 && i < n && isDigit(s.charAt(i))) {
      int width = digitsAt(s, i);
      long value = number(s, i, i + Math.min(width, 3));
      if (width > 2 || value > (fields == 0 ? 23 : 59)) {
        return INVALID;
      }
      millis += value * (fields == 0 ? 3_600_000L : fields == 1 ? 60_000L : 1000L);
      i += width;
      fields++;
      if (fields < 3 && i + 1 < n && s.charAt(i) == ':' && isDigit(s.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    if (fields == 3 && i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      int fraction = digitsAt(s, i + 1);
      if (fraction < 1 || fraction > 9) {
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
    boolean colon = j < n && s.charAt(j) == ':';
    if (colon) {
      j++;
    }
    if (colon || j < n) {
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

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsAt(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
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
