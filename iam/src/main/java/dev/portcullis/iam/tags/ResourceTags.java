package dev.portcullis.iam.tags;

import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * The Tag, Untag and List...Tags operations of one taggable kind, on a resource the caller has
 * already looked up, so that each family only supplies its lookup and quota name.
 */
public final class ResourceTags {
  private final TaggedKind kind;
  private final String quotaName;

  public ResourceTags(TaggedKind kind, String quotaName) {
    this.kind = kind;
    this.quotaName = quotaName;
  }

  /** Adds or overwrites the request's {@code Tags}. */
  public void tag(StoreTx tx, String accountId, String resourceId, Struct in) {
    List<Tag> added = Tagging.fromInput(in);
    List<Tag> current = tx.tags().list(accountId, kind, resourceId);
    tx.tags().replace(accountId, kind, resourceId, Tagging.merge(current, added, quotaName));
  }

  /** Removes the request's {@code TagKeys}. */
  public void untag(StoreTx tx, String accountId, String resourceId, Struct in) {
    List<Tag> current = tx.tags().list(accountId, kind, resourceId);
    tx.tags().replace(accountId, kind, resourceId, Tagging.remove(current, in.list("TagKeys")));
  }

  /** One page of the resource's tags, as the List...Tags operations answer. */
  public Struct list(StoreTx tx, String accountId, String resourceId, Struct in) {
    return Page.of(tx.tags().list(accountId, kind, resourceId), in)
        .into(Struct.builder(), "Tags", t -> Struct.of("Key", t.key(), "Value", t.value()))
        .build();
  }

  public List<Tag> of(StoreTx tx, String accountId, String resourceId) {
    return tx.tags().list(accountId, kind, resourceId);
  }

  public void deleteAll(StoreTx tx, String accountId, String resourceId) {
    tx.tags().deleteAll(accountId, kind, resourceId);
  }

  public void set(StoreTx tx, String accountId, String resourceId, List<Tag> tags) {
    tx.tags().replace(accountId, kind, resourceId, tags);
  }
}
