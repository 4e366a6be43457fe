package dev.portcullis.iam.identities;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.InstanceProfile;
import dev.portcullis.iam.domain.Role;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.ArrayList;
import java.util.List;

/** Instance profiles: create, get, list, delete, and the role they hold (tags: TagOperations). */
public final class InstanceProfileOperations {
  /** An instance profile holds one role; AWS does not let customers raise this. */
  public static final int MAX_ROLES_PER_PROFILE = 1;
  private static final ResourceTags TAGS =
      ResourceTags.of(TaggedKind.INSTANCE_PROFILE);
  private final IamContext ctx;

  public InstanceProfileOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateInstanceProfile", this::create)
        .register("GetInstanceProfile", this::get)
        .register("ListInstanceProfiles", this::list)
        .register("DeleteInstanceProfile", this::delete)
        .register("AddRoleToInstanceProfile", this::addRole)
        .register("RemoveRoleFromInstanceProfile", this::removeRole)
        .register("ListInstanceProfilesForRole", this::listForRole);
  }

  private Struct create(Caller caller, Struct in) {
    String name = in.string("InstanceProfileName");
    List<Tag> tags = Tagging.fromInput(in);
    TAGS.checkQuota(tags);
    return ctx.store().write(tx -> {
      if (tx.instanceProfiles().findByName(caller.accountId(), name).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "Instance Profile %s already exists.", name);
      }
      InstanceProfile profile = new InstanceProfile(caller.accountId(),
          ctx.ids().entityId(Ids.IdPrefix.AIPA), name, in.string("Path", "/"),
          ctx.clock().instant());
      tx.instanceProfiles().insert(profile);
      TAGS.set(tx, caller.accountId(), profile.instanceProfileId(), tags);
      return Struct.of("InstanceProfile", shape(profile, List.of(), tags));
    });
  }

  private Struct get(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      InstanceProfile profile = requireProfile(tx, caller, in);
      return Struct.of("InstanceProfile", shape(profile, roles(tx, profile),
          TAGS.of(tx, caller.accountId(), profile.instanceProfileId())));
    });
  }

  private Struct list(Caller caller, Struct in) {
    return ctx.store().read(tx -> page(tx, tx.instanceProfiles().list(caller.accountId(),
        in.string("PathPrefix", "/")), in));
  }

  private Struct listForRole(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      return page(tx, tx.instanceProfiles().profilesOfRole(caller.accountId(), role.roleId()),
          in);
    });
  }

  private Struct delete(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      InstanceProfile profile = requireProfile(tx, caller, in);
      if (!tx.instanceProfiles().roleIds(caller.accountId(), profile.instanceProfileId())
          .isEmpty()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete entity, must remove roles from instance profile first.");
      }
      TAGS.deleteAll(tx, caller.accountId(), profile.instanceProfileId());
      tx.instanceProfiles().delete(caller.accountId(), profile.instanceProfileId());
      return Struct.empty();
    });
  }

  private Struct addRole(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      InstanceProfile profile = requireProfile(tx, caller, in);
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      if (tx.instanceProfiles().roleIds(caller.accountId(), profile.instanceProfileId())
          .size() >= MAX_ROLES_PER_PROFILE) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
            "Cannot exceed quota for InstanceSessionsPerInstanceProfile: %d",
            MAX_ROLES_PER_PROFILE);
      }
      tx.instanceProfiles().addRole(caller.accountId(), profile.instanceProfileId(),
          role.roleId());
      return Struct.empty();
    });
  }

  private Struct removeRole(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      InstanceProfile profile = requireProfile(tx, caller, in);
      Role role = Lookups.requireRole(tx, caller.accountId(), in.string("RoleName"));
      if (!tx.instanceProfiles().roleIds(caller.accountId(), profile.instanceProfileId())
          .contains(role.roleId())) {
        throw AwsException.of(ErrorCode.NO_SUCH_ENTITY,
            "Role %s in Instance Profile %s cannot be found.", role.name(), profile.name());
      }
      tx.instanceProfiles().removeRole(caller.accountId(), profile.instanceProfileId(),
          role.roleId());
      return Struct.empty();
    });
  }

  private static InstanceProfile requireProfile(StoreTx tx, Caller caller, Struct in) {
    return Lookups.requireInstanceProfile(tx, caller.accountId(),
        in.string("InstanceProfileName"));
  }

  /** A page of profiles with their roles; listings leave tags out, as IAM's do. */
  private static Struct page(StoreTx tx, List<InstanceProfile> profiles, Struct in) {
    return Page.of(profiles, in).into(Struct.builder(), "InstanceProfiles",
        p -> shape(p, roles(tx, p), List.of())).build();
  }

  private static List<Role> roles(StoreTx tx, InstanceProfile profile) {
    List<Role> roles = new ArrayList<>();
    for (String id : tx.instanceProfiles().roleIds(profile.accountId(),
        profile.instanceProfileId())) {
      tx.roles().findById(profile.accountId(), id).ifPresent(roles::add);
    }
    return roles;
  }

  private static Struct shape(InstanceProfile p, List<Role> roles, List<Tag> tags) {
    List<Struct> wireRoles = new ArrayList<>(roles.size());
    roles.forEach(r -> wireRoles.add(RoleShapes.listed(r)));
    return Struct.builder().put("Path", p.path()).put("InstanceProfileName", p.name())
        .put("InstanceProfileId", p.instanceProfileId()).put("Arn", p.arn())
        .put("CreateDate", p.createdAt()).put("Roles", wireRoles)
        .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build();
  }
}
