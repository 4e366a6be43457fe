package dev.portcullis.store;

import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** IAM users on JDBC; {@code name_key} holds the lower-cased name for case-blind uniqueness. */
final class JdbcUsers implements UserStore {
  private final Sql sql;
  private final NamedEntityTable<User> table;

  JdbcUsers(Sql sql) {
    this.sql = sql;
    this.table = new NamedEntityTable<>(sql, "users", "user_id", JdbcUsers::map);
  }

  @Override
  public void insert(User u) {
    sql.update("INSERT INTO users (account_id, user_id, name, name_key, path, created_at, "
        + "permissions_boundary, password_last_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        u.accountId(), u.userId(), u.name(), NamedEntityTable.key(u.name()), u.path(), u.createdAt(),
        u.permissionsBoundary(), u.passwordLastUsed());
  }

  @Override
  public Optional<User> findByName(String accountId, String name) {
    return table.byName(accountId, name);
  }

  @Override
  public Optional<User> findById(String accountId, String userId) {
    return table.byId(accountId, userId);
  }

  @Override
  public List<User> list(String accountId, String pathPrefix) {
    return table.underPath(accountId, pathPrefix);
  }

  @Override
  public void update(String accountId, String userId, String newName, String newPath) {
    table.rename(accountId, userId, newName, newPath);
  }

  @Override
  public void setPermissionsBoundary(String accountId, String userId, String policyArn) {
    sql.update("UPDATE users SET permissions_boundary = ? WHERE account_id = ? AND user_id = ?",
        policyArn, accountId, userId);
  }

  @Override
  public void setPasswordLastUsed(String accountId, String userId, Instant at) {
    sql.update("UPDATE users SET password_last_used = ? WHERE account_id = ? AND user_id = ?",
        at, accountId, userId);
  }

  @Override
  public void delete(String accountId, String userId) {
    table.delete(accountId, userId);
  }

  @Override
  public int count(String accountId) {
    return table.count(accountId);
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(rs.getString("account_id"), rs.getString("user_id"), rs.getString("name"),
        rs.getString("path"), Sql.instant(rs, "created_at"),
        rs.getString("permissions_boundary"), Sql.instant(rs, "password_last_used"));
  }
}
