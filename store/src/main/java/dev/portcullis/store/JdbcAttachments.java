package dev.portcullis.store;

import dev.portcullis.iam.domain.Identity;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.store.AttachmentStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Managed policy attachments and permissions-boundary usage on JDBC. */
final class JdbcAttachments implements AttachmentStore {
  /** Each identity table seen as (kind, id, name, path), for joins with attachments. */
  private static final String IDENTITIES = "SELECT 'GROUP' AS kind, account_id, group_id AS id, "
      + "name, name_key, path FROM iam_groups UNION ALL SELECT 'USER', account_id, user_id, name, "
      + "name_key, path FROM users UNION ALL SELECT 'ROLE', account_id, role_id, name, name_key, "
      + "path FROM roles";
  private static final String BOUNDARIES = "SELECT 'USER' AS kind, account_id, user_id AS id, "
      + "name, name_key, path, permissions_boundary FROM users UNION ALL SELECT 'ROLE', "
      + "account_id, role_id, name, name_key, path, permissions_boundary FROM roles";
  private final Sql sql;

  JdbcAttachments(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void attach(String accountId, PrincipalKind kind, String principalId, String policyArn,
      Instant at) {
    long seq = sql.count("SELECT COALESCE(MAX(seq), 0) + 1 FROM policy_attachments "
        + "WHERE principal_kind = ? AND principal_id = ?", kind.name(), principalId);
    sql.update("INSERT INTO policy_attachments (account_id, principal_kind, principal_id, "
        + "policy_arn, attached_at, seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        accountId, kind.name(), principalId, policyArn, at, seq);
  }

  @Override
  public boolean detach(PrincipalKind kind, String principalId, String policyArn) {
    return sql.update("DELETE FROM policy_attachments WHERE principal_kind = ? "
        + "AND principal_id = ? AND policy_arn = ?", kind.name(), principalId, policyArn) > 0;
  }

  @Override
  public List<String> attachedPolicies(PrincipalKind kind, String principalId) {
    return sql.list("SELECT policy_arn FROM policy_attachments WHERE principal_kind = ? "
        + "AND principal_id = ? ORDER BY seq", rs -> rs.getString(1), kind.name(), principalId);
  }

  @Override
  public List<Identity> attachedIdentities(String accountId, String policyArn) {
    return sql.list("SELECT i.* FROM policy_attachments a JOIN (" + IDENTITIES + ") i "
        + "ON i.kind = a.principal_kind AND i.id = a.principal_id WHERE a.account_id = ? "
        + "AND a.policy_arn = ? ORDER BY i.kind, i.name_key", JdbcAttachments::identity,
        accountId, policyArn);
  }

  @Override
  public Map<String, Integer> attachmentCounts(String accountId) {
    return counts("SELECT policy_arn, COUNT(*) FROM policy_attachments WHERE account_id = ? "
        + "GROUP BY policy_arn", accountId);
  }

  @Override
  public List<Identity> boundaryHolders(String accountId, String policyArn) {
    return sql.list("SELECT * FROM (" + BOUNDARIES + ") b WHERE account_id = ? "
        + "AND permissions_boundary = ? ORDER BY kind DESC, name_key", JdbcAttachments::identity,
        accountId, policyArn);
  }

  @Override
  public Map<String, Integer> boundaryUsageCounts(String accountId) {
    return counts("SELECT permissions_boundary, COUNT(*) FROM (" + BOUNDARIES + ") b "
        + "WHERE account_id = ? AND permissions_boundary IS NOT NULL "
        + "GROUP BY permissions_boundary", accountId);
  }

  private Map<String, Integer> counts(String query, String accountId) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : sql.list(query,
        rs -> Map.entry(rs.getString(1), rs.getInt(2)), accountId)) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Identity identity(ResultSet rs) throws SQLException {
    return new Identity(PrincipalKind.valueOf(rs.getString("kind")), rs.getString("account_id"),
        rs.getString("id"), rs.getString("name"), rs.getString("path"));
  }
}
