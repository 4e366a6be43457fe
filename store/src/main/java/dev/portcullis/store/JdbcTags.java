package dev.portcullis.store;

import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.TagStore;
import java.util.List;

/** Tags of every taggable kind in one table, ordered by position. */
final class JdbcTags implements TagStore {
  private final Sql sql;

  JdbcTags(Sql sql) {
    this.sql = sql;
  }

  @Override
  public List<Tag> list(String accountId, TaggedKind kind, String resourceId) {
    return sql.list("SELECT tag_key, tag_value FROM tags WHERE account_id = ? AND kind = ? "
        + "AND resource_id = ? ORDER BY position", rs -> new Tag(rs.getString(1),
        rs.getString(2)), accountId, kind.name(), resourceId);
  }

  @Override
  public void replace(String accountId, TaggedKind kind, String resourceId, List<Tag> tags) {
    sql.update("DELETE FROM tags WHERE account_id = ? AND kind = ? AND resource_id = ?",
        accountId, kind.name(), resourceId);
    int position = 0;
    for (Tag t : tags) {
      sql.update("INSERT INTO tags (account_id, kind, resource_id, position, tag_key, key_lc, "
          + "tag_value) VALUES (?, ?, ?, ?, ?, ?, ?)", accountId, kind.name(), resourceId,
          position++, t.key(), NamedEntityTable.key(t.key()), t.value());
    }
  }
}
