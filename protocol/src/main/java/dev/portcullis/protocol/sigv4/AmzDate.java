package dev.portcullis.protocol.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses SigV4's {@code yyyyMMdd'T'HHmmss'Z'} by hand: a formatter costs more than a request. */
final class AmzDate {
  private AmzDate() {}

  static Instant parse(String s) {
    if (s == null || s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
      throw new DateTimeParseException("not an ISO-8601 basic date-time", String.valueOf(s), 0);
    }
    try {
      return LocalDateTime.of(digits(s, 0, 4), digits(s, 4, 6), digits(s, 6, 8),
          digits(s, 9, 11), digits(s, 11, 13), digits(s, 13, 15)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new DateTimeParseException("not a valid date-time", s, 0, e);
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeParseException("not a digit", s, i);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
