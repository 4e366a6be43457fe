package dev.portcullis.store;

import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.store.PolicyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Customer managed policies and their versions on JDBC. */
final class JdbcPolicies implements PolicyStore {
  private static final String VERSION_COLUMNS = "v.policy_id, v.version_id, v.document, "
      + "v.created_at, (v.version_id = p.default_version_id) AS is_default";
  private final Sql sql;

  private final NamedEntityTable<ManagedPolicy> table;

  JdbcPolicies(Sql sql) {
    this.sql = sql;
    this.table = new NamedEntityTable<>(sql, "policies", "policy_id", JdbcPolicies::map);
  }

  @Override
  public void insert(ManagedPolicy p, PolicyVersion first) {
    sql.update("INSERT INTO policies (account_id, policy_id, name, name_key, path, description, "
        + "default_version_id, next_version, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.accountId(), p.policyId(), p.name(),
        NamedEntityTable.key(p.name()), p.path(), p.description(), first.versionId(),
        number(first.versionId()) + 1, p.createdAt(), p.updatedAt());
    addVersion(first);
  }

  @Override
  public Optional<ManagedPolicy> findByName(String accountId, String name) {
    return table.byName(accountId, name);
  }

  @Override
  public List<ManagedPolicy> list(String accountId, String pathPrefix) {
    return table.underPath(accountId, pathPrefix);
  }

  @Override
  public void delete(String accountId, String policyId) {
    if (owned(accountId, policyId)) {
      sql.update("DELETE FROM policy_versions WHERE policy_id = ?", policyId);
      sql.update("DELETE FROM policies WHERE policy_id = ?", policyId);
    }
  }

  @Override
  public String allocateVersionId(String accountId, String policyId) {
    int next = sql.one("SELECT next_version FROM policies WHERE account_id = ? AND policy_id = ?",
        rs -> rs.getInt(1), accountId, policyId).orElseThrow(() ->
        new IllegalStateException("no policy " + policyId));
    sql.update("UPDATE policies SET next_version = ? WHERE policy_id = ?", next + 1, policyId);
    return "v" + next;
  }

  @Override
  public void insertVersion(String accountId, PolicyVersion v) {
    if (owned(accountId, v.policyId())) {
      addVersion(v);
      sql.update("UPDATE policies SET updated_at = ? WHERE policy_id = ?", v.createdAt(),
          v.policyId());
    }
  }

  @Override
  public List<PolicyVersion> versions(String accountId, String policyId) {
    return sql.list("SELECT " + VERSION_COLUMNS + " FROM policy_versions v JOIN policies p "
        + "ON p.policy_id = v.policy_id WHERE p.account_id = ? AND p.policy_id = ? "
        + "ORDER BY v.version_number DESC", JdbcPolicies::mapVersion, accountId, policyId);
  }

  @Override
  public Optional<PolicyVersion> version(String accountId, String policyId, String versionId) {
    return sql.one("SELECT " + VERSION_COLUMNS + " FROM policy_versions v JOIN policies p "
        + "ON p.policy_id = v.policy_id WHERE p.account_id = ? AND p.policy_id = ? "
        + "AND v.version_id = ?", JdbcPolicies::mapVersion, accountId, policyId, versionId);
  }

  @Override
  public void deleteVersion(String accountId, String policyId, String versionId) {
    if (owned(accountId, policyId)) {
      sql.update("DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?", policyId,
          versionId);
    }
  }

  @Override
  public void setDefaultVersion(String accountId, String policyId, String versionId) {
    sql.update("UPDATE policies SET default_version_id = ? WHERE account_id = ? "
        + "AND policy_id = ?", versionId, accountId, policyId);
  }

  @Override
  public int count(String accountId) {
    // Locks the account in a write, as every account-wide count must (PoliciesPerAccount).
    return table.count(accountId);
  }

  private void addVersion(PolicyVersion v) {
    sql.update("INSERT INTO policy_versions (policy_id, version_id, version_number, document, "
        + "created_at) VALUES (?, ?, ?, ?, ?)", v.policyId(), v.versionId(),
        number(v.versionId()), v.document(), v.createdAt());
  }

  private boolean owned(String accountId, String policyId) {
    return sql.count("SELECT COUNT(*) FROM policies WHERE account_id = ? AND policy_id = ?",
        accountId, policyId) > 0;
  }

  /** The number of a version id such as {@code v12}. */
  private static int number(String versionId) {
    return Integer.parseInt(versionId.substring(1));
  }

  private static ManagedPolicy map(ResultSet rs) throws SQLException {
    return new ManagedPolicy(rs.getString("account_id"), rs.getString("policy_id"),
        rs.getString("name"), rs.getString("path"), rs.getString("description"),
        rs.getString("default_version_id"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static PolicyVersion mapVersion(ResultSet rs) throws SQLException {
    return new PolicyVersion(rs.getString("policy_id"), rs.getString("version_id"),
        rs.getString("document"), rs.getBoolean("is_default"), Sql.instant(rs, "created_at"));
  }
}
