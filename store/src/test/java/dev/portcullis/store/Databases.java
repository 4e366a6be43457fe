package dev.portcullis.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The databases the contract suite runs on: a SQLite file and one shared embedded PostgreSQL. */
final class Databases {
  private static EmbeddedPostgres postgres;

  private Databases() {}

  static JdbcStore freshSqlite() {
    try {
      Path dir = Files.createTempDirectory("portcullis-store");
      return JdbcStore.open("jdbc:sqlite:" + dir.resolve("test.db"), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database on the shared PostgreSQL server. */
  static JdbcStore freshPostgres() {
    return JdbcStore.open(freshPostgresUrl(), "postgres", "postgres");
  }

  /** The JDBC URL of a new, empty database on the shared PostgreSQL server (user postgres). */
  static synchronized String freshPostgresUrl() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the process is exiting
          }
        }));
      }
      String db = "t" + UUID.randomUUID().toString().replace("-", "");
      try (var c = postgres.getPostgresDatabase().getConnection();
          var st = c.createStatement()) {
        st.execute("CREATE DATABASE " + db);
      }
      return postgres.getJdbcUrl("postgres", db);
    } catch (IOException | java.sql.SQLException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }
}
