package dev.portcullis.store;

import dev.portcullis.iam.domain.ConsoleSessionRecord;
import dev.portcullis.iam.store.ConsoleSessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Console sessions on JDBC (V096); only tokens' SHA-256 digests reach the table. */
final class JdbcConsoleSessions implements ConsoleSessionStore {
  private final Sql sql;

  JdbcConsoleSessions(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(ConsoleSessionRecord s) {
    sql.update("INSERT INTO console_sessions (token_hash, account_id, principal_type, "
        + "principal_id, stage, mfa_authenticated_at, created_at, last_seen_at, expires_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s.tokenHash(), s.accountId(),
        s.principalType().name(), s.principalId(), s.stage().name(), s.mfaAuthenticatedAt(),
        s.createdAt(), s.lastSeenAt(), s.expiresAt());
  }

  @Override
  public Optional<ConsoleSessionRecord> find(String tokenHash) {
    return sql.one("SELECT * FROM console_sessions WHERE token_hash = ?",
        JdbcConsoleSessions::map, tokenHash);
  }

  @Override
  public void touch(String tokenHash, Instant at) {
    sql.update("UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ? "
        + "AND last_seen_at < ?", at, tokenHash, at);
  }

  @Override
  public void delete(String tokenHash) {
    sql.update("DELETE FROM console_sessions WHERE token_hash = ?", tokenHash);
  }

  @Override
  public void deleteFor(String accountId, String principalId) {
    sql.update("DELETE FROM console_sessions WHERE account_id = ? AND principal_id = ?",
        accountId, principalId);
  }

  @Override
  public int deleteExpired(Instant now) {
    return sql.update("DELETE FROM console_sessions WHERE expires_at < ?", now);
  }

  private static ConsoleSessionRecord map(ResultSet rs) throws SQLException {
    return new ConsoleSessionRecord(rs.getString("token_hash"), rs.getString("account_id"),
        ConsoleSessionRecord.Principal.valueOf(rs.getString("principal_type")),
        rs.getString("principal_id"),
        ConsoleSessionRecord.Stage.valueOf(rs.getString("stage")),
        Sql.instant(rs, "mfa_authenticated_at"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "expires_at"));
  }
}
