package dev.portcullis.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Applies the numbered schema migrations ({@code migration/V001.sql}, {@code V002.sql}, ...)
 * that the database has not seen yet, in order, each in its own transaction. Numbers may have
 * gaps.
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
      // Every missing version is applied, not only those above the highest: numbers are handed
      // out in ranges per feature, so a lower one may land after a higher one.
      Set<Integer> done = new HashSet<>(new Sql(c).list("SELECT version FROM schema_version",
          rs -> rs.getInt(1)));
      int applied = 0;
      for (int v = 1; v <= MAX_VERSION; v++) {
        String script = done.contains(v) ? null : load(v);
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
