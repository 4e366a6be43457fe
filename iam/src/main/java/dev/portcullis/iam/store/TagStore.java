package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import java.util.List;

/** Tags of every taggable resource, in the order they were first set. */
public interface TagStore {
  List<Tag> list(String accountId, TaggedKind kind, String resourceId);

  /** Replaces the whole tag set of a resource. */
  void replace(String accountId, TaggedKind kind, String resourceId, List<Tag> tags);

  default void deleteAll(String accountId, TaggedKind kind, String resourceId) {
    replace(accountId, kind, resourceId, List.of());
  }
}
