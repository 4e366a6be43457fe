package dev.portcullis.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The queries every name-keyed IAM entity table shares (users, groups, roles, instance
 * profiles, policies): lookup by case-blind name or by id, listing under a path prefix ordered
 * by name, counting and deleting. In a write transaction a lookup locks the row it finds (see
 * {@link Sql#forUpdate}). Table and column names are constants of the callers, never
 * client input.
 */
final class NamedEntityTable<T> {
  private final Sql sql;
  private final String table;
  private final String idColumn;
  private final Sql.RowMapper<T> mapper;

  NamedEntityTable(Sql sql, String table, String idColumn, Sql.RowMapper<T> mapper) {
    this.sql = sql;
    this.table = table;
    this.idColumn = idColumn;
    this.mapper = mapper;
  }

  /** The key names are unique under: IAM names ignore case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  Optional<T> byName(String accountId, String name) {
    return sql.one("SELECT * FROM " + table + " WHERE account_id = ? AND name_key = ?"
        + sql.forUpdate(), mapper, accountId, key(name));
  }

  Optional<T> byId(String accountId, String id) {
    return sql.one("SELECT * FROM " + table + " WHERE account_id = ? AND " + idColumn + " = ?"
        + sql.forUpdate(), mapper, accountId, id);
  }

  /** Entities whose path starts with {@code pathPrefix}, ordered by name. */
  List<T> underPath(String accountId, String pathPrefix) {
    return sql.list("SELECT * FROM " + table + " WHERE account_id = ? AND substr(path, 1, ?) = ?"
        + " ORDER BY name_key", mapper, accountId, pathPrefix.length(), pathPrefix);
  }

  /** Renames or moves an entity; null arguments keep the current value. */
  void rename(String accountId, String id, String newName, String newPath) {
    if (newName != null) {
      sql.update("UPDATE " + table + " SET name = ?, name_key = ? WHERE account_id = ? AND "
          + idColumn + " = ?", newName, key(newName), accountId, id);
    }
    if (newPath != null) {
      sql.update("UPDATE " + table + " SET path = ? WHERE account_id = ? AND " + idColumn
          + " = ?", newPath, accountId, id);
    }
  }

  /**
   * In a write transaction this first locks the account, so that writers checking an
   * account-wide quota (groups per account, ...) take turns.
   */
  int count(String accountId) {
    if (!sql.forNoKeyUpdate().isEmpty()) {
      sql.one("SELECT account_id FROM accounts WHERE account_id = ?" + sql.forNoKeyUpdate(),
          rs -> rs.getString(1), accountId);
    }
    return (int) sql.count("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?", accountId);
  }

  void delete(String accountId, String id) {
    sql.update("DELETE FROM " + table + " WHERE account_id = ? AND " + idColumn + " = ?",
        accountId, id);
  }
}
