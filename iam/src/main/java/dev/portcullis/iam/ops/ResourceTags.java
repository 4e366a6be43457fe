package dev.portcullis.iam.ops;

import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * The tags of one taggable kind, on a resource the caller has already looked up: the work of
 * the Tag, Untag and List...Tags operations ({@link TagOperations}) and of creating and deleting
 * the resource.
 */
final class ResourceTags {
  private final TaggedKind kind;
  private final String quotaName;

  ResourceTags(TaggedKind kind, String quotaName) {
    this.kind = kind;
    this.quotaName = quotaName;
  }

  /** Refuses more tags than the kind's quota allows (LimitExceeded), as on create. */
  void checkQuota(List<Tag> tags) {
    Tagging.checkQuota(tags, quotaName);
  }

  /** Adds or overwrites the request's {@code Tags}. */
  void tag(StoreTx tx, String accountId, String resourceId, Struct in) {
    List<Tag> added = Tagging.fromInput(in);
    List<Tag> current = tx.tags().list(accountId, kind, resourceId);
    tx.tags().replace(accountId, kind, resourceId, Tagging.merge(current, added, quotaName));
  }

  /** Removes the request's {@code TagKeys}. */
  void untag(StoreTx tx, String accountId, String resourceId, Struct in) {
    List<Tag> current = tx.tags().list(accountId, kind, resourceId);
    tx.tags().replace(accountId, kind, resourceId, Tagging.remove(current, in.list("TagKeys")));
  }

  /** One page of the resource's tags, as the List...Tags operations answer. */
  Struct list(StoreTx tx, String accountId, String resourceId, Struct in) {
    return Page.of(tx.tags().list(accountId, kind, resourceId), in)
        .into(Struct.builder(), "Tags", t -> Struct.of("Key", t.key(), "Value", t.value()))
        .build();
  }

  List<Tag> of(StoreTx tx, String accountId, String resourceId) {
    return tx.tags().list(accountId, kind, resourceId);
  }

  void deleteAll(StoreTx tx, String accountId, String resourceId) {
    tx.tags().deleteAll(accountId, kind, resourceId);
  }

  void set(StoreTx tx, String accountId, String resourceId, List<Tag> tags) {
    tx.tags().replace(accountId, kind, resourceId, tags);
  }
}
