package dev.portcullis.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the numbered schema migrations ({@code migration/V001.sql}, {@code V002.sql}, ...)
 * that the database has not seen yet, each in its own transaction. Numbers may have gaps.
 */
final class Migrations {
  static final int MAX_VERSION = 999;
  private static final String DIR = "/dev/portcullis/store/migration/";

  private Migrations() {}

  static int apply(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          + "applied_at BIGINT NOT NULL)");
      c.commit();
      int current = new Sql(c).one("SELECT MAX(version) FROM schema_version",
          rs -> rs.getInt(1)).orElse(0);
      int applied = 0;
      for (int v = current + 1; v <= MAX_VERSION; v++) {
        String script = load(v);
        if (script == null) {
          continue;
        }
        for (String stmt : statements(script)) {
          st.execute(stmt);
        }
        new Sql(c).update("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", v,
            System.currentTimeMillis());
        c.commit();
        applied++;
      }
      return applied;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static String load(int version) {
    try (InputStream in = Migrations.class.getResourceAsStream(
        DIR + String.format("V%03d.sql", version))) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script on semicolons at line ends, dropping {@code --} comment lines. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        out.add(cur.toString().strip().replaceAll(";$", ""));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
