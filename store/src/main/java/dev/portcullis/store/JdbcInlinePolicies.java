package dev.portcullis.store;

import dev.portcullis.iam.domain.InlinePolicy;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.store.InlinePolicyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Inline policies of users, groups and roles on JDBC. */
final class JdbcInlinePolicies implements InlinePolicyStore {
  private final Sql sql;

  JdbcInlinePolicies(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void put(String accountId, PrincipalKind kind, String principalId, InlinePolicy p) {
    sql.update("INSERT INTO inline_policies (account_id, principal_kind, principal_id, name, "
        + "document) VALUES (?, ?, ?, ?, ?) ON CONFLICT (principal_kind, principal_id, name) "
        + "DO UPDATE SET document = excluded.document", accountId, kind.name(), principalId,
        p.name(), p.document());
  }

  @Override
  public Optional<InlinePolicy> find(PrincipalKind kind, String principalId, String name) {
    return sql.one("SELECT name, document FROM inline_policies WHERE principal_kind = ? "
        + "AND principal_id = ? AND name = ?", JdbcInlinePolicies::map, kind.name(), principalId,
        name);
  }

  @Override
  public List<InlinePolicy> list(PrincipalKind kind, String principalId) {
    return sql.list("SELECT name, document FROM inline_policies WHERE principal_kind = ? "
        + "AND principal_id = ? ORDER BY name", JdbcInlinePolicies::map, kind.name(),
        principalId);
  }

  @Override
  public boolean delete(PrincipalKind kind, String principalId, String name) {
    return sql.update("DELETE FROM inline_policies WHERE principal_kind = ? AND principal_id = ? "
        + "AND name = ?", kind.name(), principalId, name) > 0;
  }

  private static InlinePolicy map(ResultSet rs) throws SQLException {
    return new InlinePolicy(rs.getString("name"), rs.getString("document"));
  }
}
