package dev.portcullis.iam.tags;

import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * The tags of one taggable kind, on a resource the caller has already looked up: the work of
 * the Tag, Untag and List...Tags operations (the tagging package's TagOperations) and of creating and deleting
 * the resource.
 */
public final class ResourceTags {
  private final TaggedKind kind;
  private final String quotaName;

  private ResourceTags(TaggedKind kind, String quotaName) {
    this.kind = kind;
    this.quotaName = quotaName;
  }

  /** The tags of {@code kind}, under the quota IAM names for it (TagsPerUser, ...). */
  public static ResourceTags of(TaggedKind kind) {
    return new ResourceTags(kind, switch (kind) {
      case USER -> "TagsPerUser";
      case ROLE -> "TagsPerRole";
      case POLICY -> "TagsPerPolicy";
      case INSTANCE_PROFILE -> "TagsPerInstanceProfile";
      case MFA_DEVICE -> "TagsPerMFADevice";
      case OIDC_PROVIDER -> "TagsPerOpenIDConnectProvider";
      case SAML_PROVIDER -> "TagsPerSAMLProvider";
      case SERVER_CERTIFICATE -> "TagsPerServerCertificate";
    });
  }

  /** Refuses more tags than the kind's quota allows (LimitExceeded), as on create. */
  public void checkQuota(List<Tag> tags) {
    Tagging.checkQuota(tags, quotaName);
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
