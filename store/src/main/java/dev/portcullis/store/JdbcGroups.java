package dev.portcullis.store;

import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.store.GroupStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** IAM groups and memberships on JDBC. */
final class JdbcGroups implements GroupStore {
  private final Sql sql;
  private final NamedEntityTable<Group> table;

  JdbcGroups(Sql sql) {
    this.sql = sql;
    this.table = new NamedEntityTable<>(sql, "iam_groups", "group_id", JdbcGroups::map);
  }

  @Override
  public void insert(Group g) {
    sql.update("INSERT INTO iam_groups (account_id, group_id, name, name_key, path, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)", g.accountId(), g.groupId(), g.name(),
        NamedEntityTable.key(g.name()), g.path(), g.createdAt());
  }

  @Override
  public Optional<Group> findByName(String accountId, String name) {
    return table.byName(accountId, name);
  }

  @Override
  public Optional<Group> findById(String accountId, String groupId) {
    return table.byId(accountId, groupId);
  }

  @Override
  public List<Group> list(String accountId, String pathPrefix) {
    return table.underPath(accountId, pathPrefix);
  }

  @Override
  public void update(String accountId, String groupId, String newName, String newPath) {
    table.rename(accountId, groupId, newName, newPath);
  }

  @Override
  public void delete(String accountId, String groupId) {
    table.delete(accountId, groupId);
  }

  @Override
  public int count(String accountId) {
    return table.count(accountId);
  }

  @Override
  public void addMember(String accountId, String groupId, String userId) {
    sql.update("INSERT INTO group_members (account_id, group_id, user_id) VALUES (?, ?, ?) "
        + "ON CONFLICT DO NOTHING", accountId, groupId, userId);
  }

  @Override
  public void removeMember(String accountId, String groupId, String userId) {
    sql.update("DELETE FROM group_members WHERE account_id = ? AND group_id = ? AND user_id = ?",
        accountId, groupId, userId);
  }

  @Override
  public List<String> memberIds(String accountId, String groupId) {
    return sql.list("SELECT m.user_id FROM group_members m JOIN users u ON u.user_id = m.user_id"
        + " WHERE m.account_id = ? AND m.group_id = ? ORDER BY u.name_key",
        rs -> rs.getString(1), accountId, groupId);
  }

  @Override
  public List<Group> groupsOfUser(String accountId, String userId) {
    return sql.list("SELECT g.* FROM iam_groups g JOIN group_members m ON m.group_id = "
        + "g.group_id WHERE m.account_id = ? AND m.user_id = ? ORDER BY g.name_key",
        JdbcGroups::map, accountId, userId);
  }

  private static Group map(ResultSet rs) throws SQLException {
    return new Group(rs.getString("account_id"), rs.getString("group_id"), rs.getString("name"),
        rs.getString("path"), Sql.instant(rs, "created_at"));
  }
}
