package dev.portcullis.store;

import dev.portcullis.iam.domain.AccessKey;
import dev.portcullis.iam.store.AccessKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Access keys on JDBC; the secret column holds only the AES-GCM sealed form. */
final class JdbcAccessKeys implements AccessKeyStore {
  private final Sql sql;

  JdbcAccessKeys(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(AccessKey k) {
    sql.update("INSERT INTO access_keys (access_key_id, account_id, user_id, secret_sealed, "
        + "status, created_at) VALUES (?, ?, ?, ?, ?, ?)", k.accessKeyId(), k.accountId(),
        k.userId(), k.secretSealed(), k.status().name(), k.createdAt());
  }

  @Override
  public Optional<AccessKey> find(String accessKeyId) {
    return sql.one("SELECT * FROM access_keys WHERE access_key_id = ?", JdbcAccessKeys::map,
        accessKeyId);
  }

  @Override
  public List<AccessKey> listForUser(String accountId, String userId) {
    return sql.list("SELECT * FROM access_keys WHERE account_id = ? AND user_id = ? "
        + "ORDER BY created_at, access_key_id", JdbcAccessKeys::map, accountId, userId);
  }

  @Override
  public void setStatus(String accessKeyId, AccessKey.Status status) {
    sql.update("UPDATE access_keys SET status = ? WHERE access_key_id = ?", status.name(),
        accessKeyId);
  }

  @Override
  public void recordUse(String accessKeyId, AccessKey.LastUsed u) {
    sql.update("UPDATE access_keys SET last_used_at = ?, last_used_service = ?, "
        + "last_used_region = ? WHERE access_key_id = ?", u.at(), u.service(), u.region(),
        accessKeyId);
  }

  @Override
  public void delete(String accessKeyId) {
    sql.update("DELETE FROM access_keys WHERE access_key_id = ?", accessKeyId);
  }

  @Override
  public int count(String accountId) {
    return (int) sql.count("SELECT COUNT(*) FROM access_keys WHERE account_id = ?", accountId);
  }

  private static AccessKey map(ResultSet rs) throws SQLException {
    java.time.Instant used = Sql.instant(rs, "last_used_at");
    return new AccessKey(rs.getString("account_id"), rs.getString("access_key_id"),
        rs.getString("user_id"), rs.getString("secret_sealed"),
        AccessKey.Status.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
        used == null ? null : new AccessKey.LastUsed(used, rs.getString("last_used_service"),
            rs.getString("last_used_region")));
  }
}
