package dev.portcullis.store;

import dev.portcullis.iam.store.SignInCounterStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins on JDBC (V096). A failure is one upsert, atomic on SQLite (one writer) and
 * on PostgreSQL (the conflicting row is locked), so nodes sharing the database share the count.
 */
final class JdbcSignInCounters implements SignInCounterStore {
  private final Sql sql;

  JdbcSignInCounters(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<Counter> find(String key) {
    return sql.one("SELECT * FROM signin_counters WHERE counter_key = ?",
        JdbcSignInCounters::map, key);
  }

  @Override
  public int addFailure(String key, Instant at, Instant resetBefore) {
    sql.update("INSERT INTO signin_counters (counter_key, failures, last_failure_at) "
        + "VALUES (?, 1, ?) ON CONFLICT (counter_key) DO UPDATE SET failures = CASE WHEN "
        + "signin_counters.last_failure_at IS NULL OR signin_counters.last_failure_at < ? "
        + "THEN 1 ELSE signin_counters.failures + 1 END, "
        + "last_failure_at = excluded.last_failure_at", key, at, resetBefore);
    return (int) sql.count("SELECT failures FROM signin_counters WHERE counter_key = ?", key);
  }

  @Override
  public void lockUntil(String key, Instant until) {
    sql.update("UPDATE signin_counters SET locked_until = ? WHERE counter_key = ?", until, key);
  }

  @Override
  public void reset(String key, Instant at, boolean markSuccess) {
    if (markSuccess) {
      sql.update("INSERT INTO signin_counters (counter_key, failures, last_success_at) "
          + "VALUES (?, 0, ?) ON CONFLICT (counter_key) DO UPDATE SET failures = 0, "
          + "locked_until = NULL, last_success_at = excluded.last_success_at", key, at);
    } else {
      sql.update("UPDATE signin_counters SET failures = 0, locked_until = NULL "
          + "WHERE counter_key = ?", key);
    }
  }

  @Override
  public int prune(Instant failuresBefore, Instant successesBefore) {
    return sql.update("DELETE FROM signin_counters WHERE (last_failure_at IS NULL "
        + "OR last_failure_at < ?) AND (last_success_at IS NULL OR last_success_at < ?)",
        failuresBefore, successesBefore);
  }

  private static Counter map(ResultSet rs) throws SQLException {
    return new Counter(rs.getInt("failures"), Sql.instant(rs, "last_failure_at"),
        Sql.instant(rs, "locked_until"), Sql.instant(rs, "last_success_at"));
  }
}
