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
 * Applies the numbered schema migrations ({@code migration/V001.sql}, {@code V002.sql}, ...,
 * listed in {@code migration/index.txt}) that the database has not seen yet, in order, in one
 * transaction. Numbers may have gaps.
 */
final class Migrations {
  private static final String DIR = "/dev/portcullis/store/migration/";
  /** The advisory lock key under which PostgreSQL migrations run ("PORTCULL" in ASCII). */
  private static final long POSTGRES_MIGRATION_LOCK = 0x504f52544355_4c4cL;

  private Migrations() {}

  static int apply(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
        // Nodes starting together on one database migrate one after the other: the lock is
        // held until this transaction ends, and the next node then finds the versions applied.
        st.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_MIGRATION_LOCK + ")");
      }
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          + "applied_at BIGINT NOT NULL)");
      // Every missing version is applied, not only those above the highest: numbers are handed
      // out in ranges per feature, so a lower one may land after a higher one.
      Set<Integer> done = new HashSet<>(new Sql(c).list("SELECT version FROM schema_version",
          rs -> rs.getInt(1)));
      int applied = 0;
      for (int v : versions()) {
        if (done.contains(v)) {
          continue;
        }
        String script = load(v);
        for (String stmt : statements(script)) {
          st.execute(stmt);
        }
        new Sql(c).update("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", v,
            System.currentTimeMillis());
        applied++;
      }
      // One transaction for all (SQLite and PostgreSQL both have transactional DDL): a schema
      // is either fully upgraded or untouched, and a first start pays for one sync, not dozens.
      c.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** The versions listed in {@code index.txt}: probing the class path for each is slow. */
  static List<Integer> versions() {
    List<Integer> versions = new ArrayList<>();
    for (String line : read("index.txt").split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        versions.add(Integer.parseInt(t));
      }
    }
    return versions;
  }

  static String load(int version) {
    return read(String.format("V%03d.sql", version));
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
