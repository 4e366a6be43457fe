package dev.portcullis.iam.policies;

import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.Struct;
import java.util.List;

/** Output shapes of managed policies and their versions. */
final class PolicyShapes {
  private PolicyShapes() {}

  /** How many identities use a policy: attached to it, or bounded by it. */
  record Usage(int attachments, int boundaries) {
    static final Usage NONE = new Usage(0, 0);
  }

  /** A policy as listings show it: without description or tags, as IAM lists policies. */
  static Struct listed(ManagedPolicy p, Usage usage) {
    return base(p, usage).build();
  }

  /** A policy as GetPolicy shows it: with its description, and Tags only when it has some. */
  static Struct detailed(ManagedPolicy p, Usage usage, List<Tag> tags) {
    return base(p, usage).put("Description", p.description())
        .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build();
  }

  /**
   * A new policy as CreatePolicy answers: IAM does not echo the Description (the Policy type's
   * reference: the Description "is included in the response to the GetPolicy operation"), and
   * Tags only when some were given.
   */
  static Struct created(ManagedPolicy p, List<Tag> tags) {
    return base(p, Usage.NONE).put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build();
  }

  /** A version's metadata; the document only when {@code withDocument}. */
  static Struct version(PolicyVersion v, boolean withDocument) {
    return Struct.builder().put("Document", withDocument ? v.document() : null)
        .put("VersionId", v.versionId()).put("IsDefaultVersion", v.isDefault())
        .put("CreateDate", v.createdAt()).build();
  }

  private static Struct.Builder base(ManagedPolicy p, Usage usage) {
    return Struct.builder().put("PolicyName", p.name()).put("PolicyId", p.policyId())
        .put("Arn", p.arn()).put("Path", p.path()).put("DefaultVersionId", p.defaultVersionId())
        .put("AttachmentCount", usage.attachments())
        .put("PermissionsBoundaryUsageCount", usage.boundaries())
        .put("IsAttachable", true).put("CreateDate", p.createdAt())
        .put("UpdateDate", p.updatedAt());
  }
}
