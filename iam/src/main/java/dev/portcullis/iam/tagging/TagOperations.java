package dev.portcullis.iam.tagging;

import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.protocol.Struct;
import java.util.Optional;

/**
 * Tag{Kind}, Untag{Kind} and List{Kind}Tags of every taggable kind, registered from the kind's
 * {@link Taggable} description rather than written again per kind.
 */
public final class TagOperations {
  private final IamContext ctx;

  public TagOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  /** Registers the tag operations of every kind Portcullis has. */
  public void registerInto(OperationRegistry r) {
    for (TaggedKind kind : TaggedKind.values()) {
      Taggable.of(kind).ifPresent(t -> registerInto(r, t));
    }
  }

  /** Registers the three tag operations of one kind. */
  public void registerInto(OperationRegistry r, TaggedKind kind) {
    registerInto(r, Taggable.require(kind));
  }

  private void registerInto(OperationRegistry r, Taggable t) {
    ResourceTags tags = t.tags();
    String tagOp = "Tag" + t.noun();
    String untagOp = "Untag" + t.noun();
    r.register(tagOp, (caller, in) -> ctx.store().write(tx -> {
      tags.tag(tx, caller.accountId(),
          t.lookup().resourceId(tx, caller, in.string(t.member()), Optional.of(tagOp)), in);
      return Struct.empty();
    }));
    r.register(untagOp, (caller, in) -> ctx.store().write(tx -> {
      tags.untag(tx, caller.accountId(),
          t.lookup().resourceId(tx, caller, in.string(t.member()), Optional.of(untagOp)), in);
      return Struct.empty();
    }));
    r.register("List" + t.noun() + "Tags", (caller, in) -> ctx.store().read(tx ->
        tags.list(tx, caller.accountId(),
            t.lookup().resourceId(tx, caller, in.string(t.member()), Optional.empty()), in)));
  }
}
