package dev.portcullis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one physical SQLite connection, by SQL text. A pooled connection
 * is used by one thread at a time, so one cache needs no locking; the registry of caches does.
 * SQLite's pool never retires connections, so the registry stays as small as the pool.
 * (PostgreSQL's driver caches statements itself.)
 */
final class StatementCache {
  private static final int MAX_STATEMENTS = 256;
  private static final int MAX_CONNECTIONS = 64;
  private static final Map<Connection, StatementCache> CACHES = new HashMap<>();
  private final Connection physical;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private StatementCache(Connection physical) {
    this.physical = physical;
  }

  /** The cache of the physical connection behind {@code connection} (which may be a proxy). */
  static StatementCache of(Connection connection) {
    Connection physical;
    try {
      physical = connection.isWrapperFor(Connection.class)
          ? connection.unwrap(Connection.class) : connection;
    } catch (SQLException e) {
      physical = connection;
    }
    synchronized (CACHES) {
      if (CACHES.size() >= MAX_CONNECTIONS && !CACHES.containsKey(physical)) {
        CACHES.clear(); // connections of closed pools: their statements died with them
      }
      return CACHES.computeIfAbsent(physical, StatementCache::new);
    }
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      if (statements.size() >= MAX_STATEMENTS) {
        closeAll();
      }
      ps = physical.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Drops a statement that failed, so that the next use prepares it afresh. */
  void discard(String sql, PreparedStatement ps) {
    if (ps != null && statements.remove(sql, ps)) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // already unusable
      }
    }
  }

  private void closeAll() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing is best effort
      }
    }
    statements.clear();
  }
}
