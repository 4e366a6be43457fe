package dev.portcullis.store;

import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.store.RoleStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles on JDBC. */
final class JdbcRoles implements RoleStore {
  private final Sql sql;
  private final NamedEntityTable<Role> table;

  JdbcRoles(Sql sql) {
    this.sql = sql;
    this.table = new NamedEntityTable<>(sql, "roles", "role_id", JdbcRoles::map);
  }

  @Override
  public void insert(Role r) {
    sql.update("INSERT INTO roles (account_id, role_id, name, name_key, path, created_at, "
        + "assume_role_policy, description, max_session_duration, permissions_boundary, "
        + "last_used_at, last_used_region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.accountId(), r.roleId(), r.name(), NamedEntityTable.key(r.name()), r.path(), r.createdAt(),
        r.assumeRolePolicy(), r.description(), r.maxSessionDuration(), r.permissionsBoundary(),
        r.lastUsed() == null ? null : r.lastUsed().at(),
        r.lastUsed() == null ? null : r.lastUsed().region());
  }

  @Override
  public Optional<Role> findByName(String accountId, String name) {
    return table.byName(accountId, name);
  }

  @Override
  public Optional<Role> findById(String accountId, String roleId) {
    return table.byId(accountId, roleId);
  }

  @Override
  public List<Role> list(String accountId, String pathPrefix) {
    return table.underPath(accountId, pathPrefix);
  }

  @Override
  public void update(Role r) {
    sql.update("UPDATE roles SET assume_role_policy = ?, description = ?, "
        + "max_session_duration = ?, permissions_boundary = ?, last_used_at = ?, "
        + "last_used_region = ? WHERE account_id = ? AND role_id = ?", r.assumeRolePolicy(),
        r.description(), r.maxSessionDuration(), r.permissionsBoundary(),
        r.lastUsed() == null ? null : r.lastUsed().at(),
        r.lastUsed() == null ? null : r.lastUsed().region(), r.accountId(), r.roleId());
  }

  @Override
  public void recordUse(String accountId, String roleId, Role.LastUsed lastUsed) {
    sql.update("UPDATE roles SET last_used_at = ?, last_used_region = ? "
        + "WHERE account_id = ? AND role_id = ?", lastUsed.at(), lastUsed.region(), accountId,
        roleId);
  }

  @Override
  public void delete(String accountId, String roleId) {
    table.delete(accountId, roleId);
  }

  @Override
  public int count(String accountId) {
    return table.count(accountId);
  }

  @Override
  public void replaceTrustPrincipals(String accountId, String roleId,
      Map<String, String> idsByArn) {
    sql.update("DELETE FROM role_trust_principals WHERE role_id = ?", roleId);
    idsByArn.forEach((arn, id) -> sql.update("INSERT INTO role_trust_principals (role_id, "
        + "principal_arn, principal_id) VALUES (?, ?, ?)", roleId, arn, id));
  }

  @Override
  public Map<String, String> trustPrincipals(String accountId, String roleId) {
    Map<String, String> out = new LinkedHashMap<>();
    sql.list("SELECT principal_arn, principal_id FROM role_trust_principals WHERE role_id = ? "
        + "ORDER BY principal_arn", rs -> {
          out.put(rs.getString("principal_arn"), rs.getString("principal_id"));
          return null;
        }, roleId);
    return out;
  }

  private static Role map(ResultSet rs) throws SQLException {
    Instant used = Sql.instant(rs, "last_used_at");
    return new Role(rs.getString("account_id"), rs.getString("role_id"), rs.getString("name"),
        rs.getString("path"), Sql.instant(rs, "created_at"), rs.getString("assume_role_policy"),
        rs.getString("description"), rs.getInt("max_session_duration"),
        rs.getString("permissions_boundary"),
        used == null ? null : new Role.LastUsed(used, rs.getString("last_used_region")));
  }
}
