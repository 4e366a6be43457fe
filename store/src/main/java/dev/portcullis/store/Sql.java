package dev.portcullis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A thin layer over one JDBC connection: parameter binding, row mapping, SQL errors unchecked.
 * Prepared statements are kept per physical connection and reused, since preparing costs more
 * than running the small queries IAM makes.
 */
public final class Sql {
  private final Connection connection;
  private final StatementCache statements;
  private final boolean lockRows;

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * SQL on {@code connection}; {@code reuseStatements} keeps prepared statements (SQLite);
   * {@code lockRows} makes the lookups of a write transaction lock what they find (PostgreSQL).
   */
  public Sql(Connection connection, boolean reuseStatements, boolean lockRows) {
    this.connection = connection;
    this.statements = reuseStatements ? StatementCache.of(connection) : null;
    this.lockRows = lockRows;
  }

  public Sql(Connection connection, boolean reuseStatements) {
    this(connection, reuseStatements, false);
  }

  public Sql(Connection connection) {
    this(connection, false);
  }

  /**
   * The clause that makes a single-table SELECT lock the rows it reads until the transaction
   * ends, or nothing. A write transaction on PostgreSQL locks the entity it looks up (the user
   * of CreateAccessKey, the policy of CreatePolicyVersion, ...), so two writers of one entity
   * take turns and each checks its quota and "in use" rules on what the other committed.
   * SQLite needs none: its writes are serialized (one IMMEDIATE writer).
   */
  String forUpdate() {
    return lockRows ? " FOR UPDATE" : "";
  }

  /**
   * Like {@link #forUpdate} for rows that other rows reference (an account): a lock that
   * writers of the same row wait for, but inserts elsewhere that merely reference it do not.
   */
  String forNoKeyUpdate() {
    return lockRows ? " FOR NO KEY UPDATE" : "";
  }

  /**
   * The clause that locks what a SELECT reads until the transaction ends in every kind of
   * transaction, usage writes included (PostgreSQL); nothing on SQLite, whose writers are
   * serialized anyway. For locks a table needs whatever the transaction, such as the audit
   * chain's head.
   */
  String alwaysForUpdate() {
    try {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
          ? " FOR UPDATE" : "";
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  public int update(String sql, Object... args) {
    PreparedStatement ps = null;
    try {
      ps = prepare(sql, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      discard(sql, ps);
      throw new StoreException(e);
    } finally {
      closeUnlessCached(ps);
    }
  }

  /**
   * Runs {@code sql} once per row of {@code rows} as one JDBC batch: one statement, bound and
   * run per row without a round trip each (PostgreSQL) or a JNI call per execution (SQLite).
   */
  public void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedStatement ps = null;
    try {
      ps = statements != null ? statements.prepare(sql) : connection.prepareStatement(sql);
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      discard(sql, ps);
      throw new StoreException(e);
    } finally {
      closeUnlessCached(ps);
    }
  }

  public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
    PreparedStatement ps = null;
    try {
      ps = prepare(sql, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      discard(sql, ps);
      throw new StoreException(e);
    } finally {
      closeUnlessCached(ps);
    }
  }

  /**
   * Passes each row of {@code sql} to {@code row} as it is read, keeping none: for a pass over
   * a whole table. Fetched {@code fetchSize} rows at a time (on PostgreSQL, a cursor: the
   * transaction is open, autocommit off). {@code row} may run other statements meanwhile.
   */
  public void each(String sql, int fetchSize, RowMapper<?> row, Object... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      ps.setFetchSize(fetchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.map(rs);
        }
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private void discard(String sql, PreparedStatement ps) {
    if (statements != null) {
      statements.discard(sql, ps);
    }
  }

  private void closeUnlessCached(PreparedStatement ps) {
    if (statements == null && ps != null) {
      try {
        ps.close();
      } catch (SQLException e) {
        throw new StoreException(e);
      }
    }
  }

  public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = list(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public long count(String sql, Object... args) {
    return one(sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = statements != null ? statements.prepare(sql)
        : connection.prepareStatement(sql);
    bind(ps, args);
    return ps;
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    ps.clearParameters();
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Instant t) {
        ps.setLong(i + 1, t.toEpochMilli());
      } else if (a instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (a instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
  }

  /** Reads a nullable epoch-millisecond column as an instant. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
