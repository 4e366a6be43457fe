package dev.portcullis.store;

import dev.portcullis.iam.domain.MfaDevice;
import dev.portcullis.iam.store.MfaDeviceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Virtual MFA devices on JDBC; the seed column holds only the AES-GCM sealed form. */
final class JdbcMfaDevices implements MfaDeviceStore {
  private final Sql sql;

  JdbcMfaDevices(Sql sql) {
    this.sql = sql;
  }

  private static String key(String serialNumber) {
    return serialNumber.toLowerCase(Locale.ROOT);
  }

  @Override
  public void insert(MfaDevice d) {
    sql.update("INSERT INTO mfa_devices (serial_number, serial_key, account_id, name, path, "
        + "seed_sealed, created_at, user_id, enabled_at, last_used_step, drift_steps) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.serialNumber(), key(d.serialNumber()),
        d.accountId(), d.name(), d.path(), d.seedSealed(), d.createdAt(), d.userId(),
        d.enabledAt(), d.lastUsedStep(), d.driftSteps());
  }

  @Override
  public Optional<MfaDevice> find(String accountId, String serialNumber) {
    // Locked in a write: one device is enabled for one user, whoever races for it.
    return sql.one("SELECT * FROM mfa_devices WHERE account_id = ? AND serial_key = ?"
        + sql.forUpdate(), JdbcMfaDevices::map, accountId, key(serialNumber));
  }

  @Override
  public List<MfaDevice> list(String accountId) {
    return sql.list("SELECT * FROM mfa_devices WHERE account_id = ? ORDER BY serial_key",
        JdbcMfaDevices::map, accountId);
  }

  @Override
  public List<MfaDevice> listForUser(String accountId, String userId) {
    return sql.list("SELECT * FROM mfa_devices WHERE account_id = ? AND user_id = ? "
        + "ORDER BY enabled_at, serial_key", JdbcMfaDevices::map, accountId, userId);
  }

  @Override
  public void assign(String accountId, String serialNumber, String userId, Instant enabledAt,
      long lastUsedStep) {
    sql.update("UPDATE mfa_devices SET user_id = ?, enabled_at = ?, last_used_step = ?, "
        + "drift_steps = 0, failed_attempts = 0, failures_since = NULL "
        + "WHERE account_id = ? AND serial_key = ?", userId, enabledAt,
        lastUsedStep, accountId, key(serialNumber));
  }

  @Override
  public void unassign(String accountId, String serialNumber) {
    // last_used_step stays: a code spent before deactivation stays spent.
    sql.update("UPDATE mfa_devices SET user_id = NULL, enabled_at = NULL, drift_steps = 0 "
        + "WHERE account_id = ? AND serial_key = ?", accountId, key(serialNumber));
  }

  @Override
  public boolean recordUse(String accountId, String serialNumber, long step,
      Integer driftSteps) {
    return sql.update("UPDATE mfa_devices SET last_used_step = ?, "
        + "drift_steps = COALESCE(?, drift_steps) "
        + "WHERE account_id = ? AND serial_key = ? "
        + "AND (last_used_step IS NULL OR last_used_step < ?)", step, driftSteps, accountId,
        key(serialNumber), step) == 1;
  }

  @Override
  public boolean reserveCodeCheck(String accountId, String serialNumber, String userId,
      Instant now, Instant windowStart, int maxChecks) {
    String windowOver = "(failures_since IS NULL OR failures_since <= ?)";
    return sql.update("UPDATE mfa_devices SET "
        + "failed_attempts = CASE WHEN " + windowOver + " THEN 1 ELSE failed_attempts + 1 END, "
        + "failures_since = CASE WHEN " + windowOver + " THEN ? ELSE failures_since END "
        + "WHERE account_id = ? AND serial_key = ? AND user_id = ? "
        + "AND (" + windowOver + " OR failed_attempts < ?)", windowStart, windowStart, now,
        accountId, key(serialNumber), userId, windowStart, maxChecks) == 1;
  }

  @Override
  public void clearCodeChecks(String accountId, String serialNumber) {
    sql.update("UPDATE mfa_devices SET failed_attempts = 0, failures_since = NULL "
        + "WHERE account_id = ? AND serial_key = ?", accountId, key(serialNumber));
  }

  @Override
  public void delete(String accountId, String serialNumber) {
    sql.update("DELETE FROM mfa_devices WHERE account_id = ? AND serial_key = ?", accountId,
        key(serialNumber));
  }

  @Override
  public int count(String accountId) {
    return (int) sql.count("SELECT COUNT(*) FROM mfa_devices WHERE account_id = ?", accountId);
  }

  @Override
  public int countAssigned(String accountId) {
    return (int) sql.count("SELECT COUNT(*) FROM mfa_devices WHERE account_id = ? "
        + "AND user_id IS NOT NULL", accountId);
  }

  private static MfaDevice map(ResultSet rs) throws SQLException {
    long used = rs.getLong("last_used_step");
    Long lastUsed = rs.wasNull() ? null : used;
    return new MfaDevice(rs.getString("account_id"), rs.getString("serial_number"),
        rs.getString("name"), rs.getString("path"), rs.getString("seed_sealed"),
        Sql.instant(rs, "created_at"), rs.getString("user_id"), Sql.instant(rs, "enabled_at"),
        lastUsed, rs.getInt("drift_steps"));
  }
}
