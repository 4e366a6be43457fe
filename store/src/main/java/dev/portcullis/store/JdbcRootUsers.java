package dev.portcullis.store;

import dev.portcullis.iam.domain.RootUser;
import dev.portcullis.iam.store.RootUserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Each account's root user on JDBC; only the Argon2id hash of its password is stored. */
final class JdbcRootUsers implements RootUserStore {
  private final Sql sql;

  JdbcRootUsers(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<RootUser> find(String accountId) {
    // Locked in a write: changes to root (its password, its MFA devices' quota) queue.
    return sql.one("SELECT * FROM root_users WHERE account_id = ?" + sql.forUpdate(),
        JdbcRootUsers::map, accountId);
  }

  @Override
  public void insert(RootUser r) {
    // A second root of one account breaks the primary key: EntityAlreadyExists (WriteConflict).
    sql.update("INSERT INTO root_users (account_id, email, password_hash, "
        + "password_reset_required, password_changed_at, password_last_used, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", r.accountId(), r.email(), r.passwordHash(),
        r.passwordResetRequired(), r.passwordChangedAt(), r.passwordLastUsed(), r.createdAt());
  }

  @Override
  public void setPassword(String accountId, String passwordHash, boolean resetRequired,
      Instant changedAt) {
    sql.update("UPDATE root_users SET password_hash = ?, password_reset_required = ?, "
        + "password_changed_at = ? WHERE account_id = ?", passwordHash, resetRequired,
        changedAt, accountId);
  }

  @Override
  public void passwordUsed(String accountId, Instant at) {
    sql.update("UPDATE root_users SET password_last_used = ? WHERE account_id = ?", at,
        accountId);
  }

  private static RootUser map(ResultSet rs) throws SQLException {
    return new RootUser(rs.getString("account_id"), rs.getString("email"),
        rs.getString("password_hash"), rs.getBoolean("password_reset_required"),
        Sql.instant(rs, "password_changed_at"), Sql.instant(rs, "password_last_used"),
        Sql.instant(rs, "created_at"));
  }
}
