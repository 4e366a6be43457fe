package dev.portcullis.store;

import dev.portcullis.iam.domain.LoginProfile;
import dev.portcullis.iam.store.LoginProfileStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login profiles and password history on JDBC; only Argon2id hashes reach these tables. */
final class JdbcLoginProfiles implements LoginProfileStore {
  private final Sql sql;

  JdbcLoginProfiles(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(LoginProfile p) {
    sql.update("INSERT INTO login_profiles (user_id, account_id, password_hash, created_at, "
        + "password_changed_at, password_reset_required) VALUES (?, ?, ?, ?, ?, ?)",
        p.userId(), p.accountId(), p.passwordHash(), p.createdAt(), p.passwordChangedAt(),
        p.passwordResetRequired());
  }

  @Override
  public Optional<LoginProfile> find(String accountId, String userId) {
    return sql.one("SELECT * FROM login_profiles WHERE account_id = ? AND user_id = ?",
        JdbcLoginProfiles::map, accountId, userId);
  }

  @Override
  public void setPassword(String accountId, String userId, String passwordHash,
      Instant changedAt) {
    sql.update("UPDATE login_profiles SET password_hash = ?, password_changed_at = ? "
        + "WHERE account_id = ? AND user_id = ?", passwordHash, changedAt, accountId, userId);
  }

  @Override
  public void setPasswordResetRequired(String accountId, String userId, boolean required) {
    sql.update("UPDATE login_profiles SET password_reset_required = ? "
        + "WHERE account_id = ? AND user_id = ?", required, accountId, userId);
  }

  @Override
  public void delete(String accountId, String userId) {
    sql.update("DELETE FROM login_profiles WHERE account_id = ? AND user_id = ?", accountId,
        userId);
  }

  @Override
  public List<String> recentHashes(String accountId, String userId, int limit) {
    return sql.list("SELECT password_hash FROM password_history WHERE account_id = ? "
        + "AND user_id = ? ORDER BY seq DESC LIMIT ?", rs -> rs.getString(1), accountId, userId,
        limit);
  }

  @Override
  public void remember(String accountId, String userId, String passwordHash, Instant at,
      int keep) {
    long next = sql.count("SELECT COALESCE(MAX(seq), 0) + 1 FROM password_history "
        + "WHERE user_id = ?", userId);
    sql.update("INSERT INTO password_history (account_id, user_id, seq, password_hash, set_at) "
        + "VALUES (?, ?, ?, ?, ?)", accountId, userId, next, passwordHash, at);
    sql.update("DELETE FROM password_history WHERE user_id = ? AND seq <= ?", userId,
        next - keep);
  }

  @Override
  public void forgetHistory(String accountId, String userId) {
    sql.update("DELETE FROM password_history WHERE account_id = ? AND user_id = ?", accountId,
        userId);
  }

  private static LoginProfile map(ResultSet rs) throws SQLException {
    return new LoginProfile(rs.getString("account_id"), rs.getString("user_id"),
        rs.getString("password_hash"), Sql.instant(rs, "created_at"),
        rs.getBoolean("password_reset_required"), Sql.instant(rs, "password_changed_at"));
  }
}
