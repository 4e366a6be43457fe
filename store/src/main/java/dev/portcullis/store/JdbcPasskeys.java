package dev.portcullis.store;

import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.store.PasskeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Passkeys on JDBC; the credential id is the key, unique across accounts. */
final class JdbcPasskeys implements PasskeyStore {
  private final Sql sql;

  JdbcPasskeys(Sql sql) {
    this.sql = sql;
  }

  private static String key(String serialNumber) {
    return serialNumber.toLowerCase(Locale.ROOT);
  }

  @Override
  public void insert(Passkey p) {
    sql.update("INSERT INTO passkeys (credential_id, account_id, owner_id, public_key_cose, "
        + "sign_count, aaguid, transports, backup_eligible, name, serial_number, serial_key, "
        + "created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.credentialId(), p.accountId(), p.ownerId(), p.publicKeyCose(), p.signCount(),
        p.aaguid(), String.join(",", p.transports()), p.backupEligible(), p.name(),
        p.serialNumber(), key(p.serialNumber()), p.createdAt(), p.lastUsedAt());
  }

  @Override
  public Optional<Passkey> findByCredentialId(String credentialId) {
    return sql.one("SELECT * FROM passkeys WHERE credential_id = ?", JdbcPasskeys::map,
        credentialId);
  }

  @Override
  public Optional<Passkey> findBySerial(String accountId, String serialNumber) {
    return sql.one("SELECT * FROM passkeys WHERE account_id = ? AND serial_key = ?"
        + sql.forUpdate(), JdbcPasskeys::map, accountId, key(serialNumber));
  }

  @Override
  public List<Passkey> listForOwner(String accountId, String ownerId) {
    return sql.list("SELECT * FROM passkeys WHERE account_id = ? AND owner_id = ? "
        + "ORDER BY created_at, serial_key", JdbcPasskeys::map, accountId, ownerId);
  }

  @Override
  public int countForOwner(String accountId, String ownerId) {
    return (int) sql.count("SELECT COUNT(*) FROM passkeys WHERE account_id = ? "
        + "AND owner_id = ?", accountId, ownerId);
  }

  @Override
  public int countForAccount(String accountId) {
    return (int) sql.count("SELECT COUNT(*) FROM passkeys WHERE account_id = ?", accountId);
  }

  @Override
  public boolean recordUse(String credentialId, long expectedCount, long newCount,
      Instant usedAt) {
    return sql.update("UPDATE passkeys SET sign_count = ?, last_used_at = ? "
        + "WHERE credential_id = ? AND sign_count = ?", newCount, usedAt, credentialId,
        expectedCount) == 1;
  }

  @Override
  public void delete(String accountId, String serialNumber) {
    sql.update("DELETE FROM passkeys WHERE account_id = ? AND serial_key = ?", accountId,
        key(serialNumber));
  }

  private static Passkey map(ResultSet rs) throws SQLException {
    String transports = rs.getString("transports");
    return new Passkey(rs.getString("account_id"), rs.getString("owner_id"),
        rs.getString("credential_id"), rs.getString("public_key_cose"),
        rs.getLong("sign_count"), rs.getString("aaguid"),
        transports.isEmpty() ? List.of() : Arrays.asList(transports.split(",")),
        rs.getBoolean("backup_eligible"), rs.getString("name"),
        rs.getString("serial_number"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"));
  }
}
