package dev.portcullis.iam.identities;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.authz.TrustPolicies;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** CreateRole, GetRole, ListRoles, the role updates, DeleteRole and role boundaries (tags: TagOperations). */
public final class RoleOperations {
  private static final ResourceTags TAGS = ResourceTags.of(TaggedKind.ROLE);
  private final IamContext ctx;

  public RoleOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateRole", this::createRole)
        .register("GetRole", this::getRole)
        .register("ListRoles", this::listRoles)
        .register("UpdateRole", this::updateRole)
        .register("UpdateRoleDescription", this::updateRoleDescription)
        .register("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy)
        .register("DeleteRole", this::deleteRole)
        .register("PutRolePermissionsBoundary", this::putBoundary)
        .register("DeleteRolePermissionsBoundary", this::deleteBoundary);
  }

  private Struct createRole(Caller caller, Struct in) {
    String name = in.string("RoleName");
    String document = in.string("AssumeRolePolicyDocument");
    TrustPolicies.validate(document);
    List<Tag> tags = Tagging.fromInput(in);
    TAGS.checkQuota(tags);
    String boundary = in.string("PermissionsBoundary");
    return ctx.store().write(tx -> {
      if (tx.roles().findByName(caller.accountId(), name).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "Role with name %s already exists.", name);
      }
      if (boundary != null) {
        Boundaries.requireBoundaryPolicy(tx, caller.accountId(), boundary);
      }
      Map<String, String> trusted = TrustPolicies.principalIds(tx, caller.accountId(), document);
      Role role = new Role(caller.accountId(), ctx.ids().entityId(Ids.IdPrefix.AROA), name,
          in.string("Path", "/"), ctx.clock().instant(), document,
          emptyToNull(in.string("Description")),
          in.integer("MaxSessionDuration", Role.DEFAULT_MAX_SESSION_DURATION), boundary, null);
      tx.roles().insert(role);
      tx.roles().replaceTrustPrincipals(caller.accountId(), role.roleId(), trusted);
      TAGS.set(tx, caller.accountId(), role.roleId(), tags);
      return Struct.of("Role", RoleShapes.created(role, tags));
    });
  }

  private Struct getRole(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      return Struct.of("Role", RoleShapes.full(role, TAGS.of(tx, caller.accountId(),
          role.roleId())));
    });
  }

  private Struct listRoles(Caller caller, Struct in) {
    List<Role> roles = ctx.store().read(tx ->
        tx.roles().list(caller.accountId(), in.string("PathPrefix", "/")));
    return Page.of(roles, in).into(Struct.builder(), "Roles", RoleShapes::listed).build();
  }

  private Struct updateRole(Caller caller, Struct in) {
    update(caller, in, role -> {
      Role updated = role;
      if (in.has("Description")) {
        updated = updated.withDescription(emptyToNull(in.string("Description")));
      }
      if (in.has("MaxSessionDuration")) {
        updated = updated.withMaxSessionDuration(in.integer("MaxSessionDuration"));
      }
      return updated;
    });
    return Struct.empty();
  }

  private Struct updateRoleDescription(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"))
          .withDescription(emptyToNull(in.string("Description")));
      tx.roles().update(role);
      return Struct.of("Role", RoleShapes.full(role, TAGS.of(tx, caller.accountId(),
          role.roleId())));
    });
  }

  private Struct updateAssumeRolePolicy(Caller caller, Struct in) {
    String document = in.string("PolicyDocument");
    TrustPolicies.validate(document);
    ctx.store().write(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      Map<String, String> trusted = TrustPolicies.principalIds(tx, caller.accountId(), document);
      tx.roles().update(role.withAssumeRolePolicy(document));
      tx.roles().replaceTrustPrincipals(caller.accountId(), role.roleId(), trusted);
      return null;
    });
    return Struct.empty();
  }

  private Struct deleteRole(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      RoleDependents.requireNone(tx, role);
      TAGS.deleteAll(tx, caller.accountId(), role.roleId());
      tx.roles().delete(caller.accountId(), role.roleId());
      return Struct.empty();
    });
  }

  private Struct putBoundary(Caller caller, Struct in) {
    String arn = in.string("PermissionsBoundary");
    return ctx.store().write(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      Boundaries.requireBoundaryPolicy(tx, caller.accountId(), arn);
      tx.roles().update(role.withPermissionsBoundary(arn));
      return Struct.empty();
    });
  }

  private Struct deleteBoundary(Caller caller, Struct in) {
    update(caller, in, r -> r.withPermissionsBoundary(null));
    return Struct.empty();
  }

  /** Looks up the request's role, applies {@code change} and stores the result. */
  private void update(Caller caller, Struct in, UnaryOperator<Role> change) {
    ctx.store().write(tx -> {
      tx.roles().update(change.apply(
          Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"))));
      return null;
    });
  }

  /** An empty Description clears the role's description. */
  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Blocks deleting a role that still has dependents, as IAM does (DeleteConflict). */
  static final class RoleDependents {
    private RoleDependents() {}

    static void requireNone(StoreTx tx, Role role) {
      if (!tx.instanceProfiles().profilesOfRole(role.accountId(), role.roleId()).isEmpty()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete entity, must remove roles from instance profile first.");
      }
      PolicyDependents.requireNone(tx, PrincipalKind.ROLE, role.roleId());
    }
  }
}
