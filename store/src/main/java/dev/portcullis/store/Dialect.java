package dev.portcullis.store;

import java.util.regex.Pattern;

/** The databases the store runs on; the schema and SQL are shared, only setup differs. */
public enum Dialect {
  SQLITE, POSTGRESQL;

  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:^|[?&;])(?:ssl)?password=)[^&;]*");

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL: " + redacted(jdbcUrl)
        + " (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
  }

  /** Whether {@code jdbcUrl} holds a password parameter ({@code password}, {@code sslpassword}). */
  public static boolean holdsPassword(String jdbcUrl) {
    return PASSWORD_PARAMETER.matcher(jdbcUrl).find();
  }

  /**
   * {@code jdbcUrl} for messages: the values of its password parameters ({@code password},
   * {@code sslpassword}) replaced, since a failed start prints the message.
   */
  static String redacted(String jdbcUrl) {
    return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
  }
}
