package dev.portcullis.iam.identities;

import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.Struct;
import java.util.List;

/**
 * The Role output shape in its three views: IAM returns fewer members from CreateRole and from
 * listings than from GetRole.
 */
final class RoleShapes {
  private RoleShapes() {}

  /** As CreateRole answers: no MaxSessionDuration and no RoleLastUsed. */
  static Struct created(Role r, List<Tag> tags) {
    return identity(r).put("Description", r.description())
        .put("PermissionsBoundary", Boundaries.toWire(r.permissionsBoundary()))
        .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build();
  }

  /**
   * As ListRoles and instance profiles show a role: without PermissionsBoundary, RoleLastUsed
   * and Tags, which only GetRole returns.
   */
  static Struct listed(Role r) {
    return identity(r).put("Description", r.description())
        .put("MaxSessionDuration", r.maxSessionDuration()).build();
  }

  /** As GetRole and UpdateRoleDescription answer: every member. */
  static Struct full(Role r, List<Tag> tags) {
    Role.LastUsed used = r.lastUsed();
    // IAM always sends RoleLastUsed, empty until the role is first used.
    Struct lastUsed = used == null ? Struct.empty()
        : Struct.of("LastUsedDate", used.at(), "Region", used.region());
    return identity(r).put("Description", r.description())
        .put("MaxSessionDuration", r.maxSessionDuration())
        .put("PermissionsBoundary", Boundaries.toWire(r.permissionsBoundary()))
        .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags))
        .put("RoleLastUsed", lastUsed).build();
  }

  private static Struct.Builder identity(Role r) {
    return Struct.builder().put("Path", r.path()).put("RoleName", r.name())
        .put("RoleId", r.roleId()).put("Arn", r.arn()).put("CreateDate", r.createdAt())
        .put("AssumeRolePolicyDocument", r.assumeRolePolicy());
  }
}
