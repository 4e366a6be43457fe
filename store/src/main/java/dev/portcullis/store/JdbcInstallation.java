package dev.portcullis.store;

import dev.portcullis.iam.store.InstallationStore;
import java.time.Instant;
import java.util.Optional;

/** The data key and the bootstrap claim on JDBC. */
final class JdbcInstallation implements InstallationStore {
  private final Sql sql;

  JdbcInstallation(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<WrappedDataKey> dataKey() {
    return sql.one("SELECT * FROM data_keys ORDER BY key_id DESC LIMIT 1",
        rs -> new WrappedDataKey(rs.getInt("key_id"), rs.getString("wrapped"),
            Sql.instant(rs, "created_at"), Sql.instant(rs, "wrapped_at")));
  }

  @Override
  public void insertDataKey(WrappedDataKey key) {
    sql.update("INSERT INTO data_keys (key_id, wrapped, created_at, wrapped_at) "
        + "VALUES (?, ?, ?, ?)", key.keyId(), key.wrapped(), key.createdAt(), key.wrappedAt());
  }

  @Override
  public boolean rewrapDataKey(int keyId, String expected, String wrapped, Instant at) {
    return sql.update("UPDATE data_keys SET wrapped = ?, wrapped_at = ? "
        + "WHERE key_id = ? AND wrapped = ?", wrapped, at, keyId, expected) == 1;
  }

  @Override
  public void claimBootstrap(String accountId, Instant at) {
    sql.update("INSERT INTO bootstrap (singleton, account_id, created_at) VALUES (1, ?, ?)",
        accountId, at);
  }
}
