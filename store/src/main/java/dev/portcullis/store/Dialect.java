package dev.portcullis.store;

/** The databases the store runs on; the schema and SQL are shared, only setup differs. */
public enum Dialect {
  SQLITE, POSTGRESQL;

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL: " + jdbcUrl
        + " (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
  }
}
