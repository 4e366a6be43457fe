package dev.portcullis.store;

import dev.portcullis.iam.domain.InstanceProfile;
import dev.portcullis.iam.store.InstanceProfileStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Instance profiles and their roles on JDBC. */
final class JdbcInstanceProfiles implements InstanceProfileStore {
  private final Sql sql;
  private final NamedEntityTable<InstanceProfile> table;

  JdbcInstanceProfiles(Sql sql) {
    this.sql = sql;
    this.table = new NamedEntityTable<>(sql, "instance_profiles", "instance_profile_id", JdbcInstanceProfiles::map);
  }

  @Override
  public void insert(InstanceProfile p) {
    sql.update("INSERT INTO instance_profiles (account_id, instance_profile_id, name, name_key, "
        + "path, created_at) VALUES (?, ?, ?, ?, ?, ?)", p.accountId(), p.instanceProfileId(),
        p.name(), NamedEntityTable.key(p.name()), p.path(), p.createdAt());
  }

  @Override
  public Optional<InstanceProfile> findByName(String accountId, String name) {
    return table.byName(accountId, name);
  }

  @Override
  public Optional<InstanceProfile> findById(String accountId, String instanceProfileId) {
    return table.byId(accountId, instanceProfileId);
  }

  @Override
  public List<InstanceProfile> list(String accountId, String pathPrefix) {
    return table.underPath(accountId, pathPrefix);
  }

  @Override
  public void delete(String accountId, String instanceProfileId) {
    sql.update("DELETE FROM instance_profile_roles WHERE account_id = ? "
        + "AND instance_profile_id = ?", accountId, instanceProfileId);
    table.delete(accountId, instanceProfileId);
  }

  @Override
  public int count(String accountId) {
    return table.count(accountId);
  }

  @Override
  public void addRole(String accountId, String instanceProfileId, String roleId) {
    sql.update("INSERT INTO instance_profile_roles (account_id, instance_profile_id, role_id) "
        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", accountId, instanceProfileId, roleId);
  }

  @Override
  public void removeRole(String accountId, String instanceProfileId, String roleId) {
    sql.update("DELETE FROM instance_profile_roles WHERE account_id = ? "
        + "AND instance_profile_id = ? AND role_id = ?", accountId, instanceProfileId, roleId);
  }

  @Override
  public List<String> roleIds(String accountId, String instanceProfileId) {
    return sql.list("SELECT ipr.role_id FROM instance_profile_roles ipr JOIN roles r "
        + "ON r.role_id = ipr.role_id WHERE ipr.account_id = ? AND ipr.instance_profile_id = ? "
        + "ORDER BY r.name_key", rs -> rs.getString(1), accountId, instanceProfileId);
  }

  @Override
  public List<InstanceProfile> profilesOfRole(String accountId, String roleId) {
    return sql.list("SELECT p.* FROM instance_profiles p JOIN instance_profile_roles ipr "
        + "ON ipr.instance_profile_id = p.instance_profile_id WHERE ipr.account_id = ? "
        + "AND ipr.role_id = ? ORDER BY p.name_key", JdbcInstanceProfiles::map, accountId,
        roleId);
  }

  private static InstanceProfile map(ResultSet rs) throws SQLException {
    return new InstanceProfile(rs.getString("account_id"), rs.getString("instance_profile_id"),
        rs.getString("name"), rs.getString("path"), Sql.instant(rs, "created_at"));
  }
}
