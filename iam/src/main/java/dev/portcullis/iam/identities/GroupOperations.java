package dev.portcullis.iam.identities;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Group;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.identities.UserOperations.UserShapes;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;

/** CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup and group membership. */
public final class GroupOperations {
  /** AWS's default quota of groups per account. */
  public static final int MAX_GROUPS_PER_ACCOUNT = 300;
  /** AWS's quota of groups one user can belong to. */
  public static final int MAX_GROUPS_PER_USER = 10;
  private final IamContext ctx;

  public GroupOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateGroup", this::createGroup)
        .register("GetGroup", this::getGroup)
        .register("ListGroups", this::listGroups)
        .register("UpdateGroup", this::updateGroup)
        .register("DeleteGroup", this::deleteGroup)
        .register("AddUserToGroup", this::addUserToGroup)
        .register("RemoveUserFromGroup", this::removeUserFromGroup)
        .register("ListGroupsForUser", this::listGroupsForUser);
  }

  private Struct createGroup(Caller caller, Struct in) {
    String name = in.string("GroupName");
    return ctx.store().write(tx -> {
      requireNameFree(tx, caller.accountId(), name);
      if (tx.groups().count(caller.accountId()) >= MAX_GROUPS_PER_ACCOUNT) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
            "Cannot exceed quota for GroupsPerAccount: %d", MAX_GROUPS_PER_ACCOUNT);
      }
      Group group = new Group(caller.accountId(), ctx.ids().entityId(Ids.IdPrefix.AGPA), name,
          in.string("Path", "/"), ctx.clock().instant());
      tx.groups().insert(group);
      return Struct.of("Group", group(group));
    });
  }

  /** The group and one page of its members, ordered by user name. */
  private Struct getGroup(Caller caller, Struct in) {
    return ctx.store().read(tx -> {
      Group group = Lookups.requireGroup(tx, caller.accountId(), in.string("GroupName"));
      Page<String> members = Page.of(tx.groups().memberIds(caller.accountId(), group.groupId()),
          in);
      return members.into(Struct.builder().put("Group", group(group)), "Users",
          id -> UserShapes.user(member(tx, caller.accountId(), id), List.of())).build();
    });
  }

  private Struct listGroups(Caller caller, Struct in) {
    List<Group> groups = ctx.store().read(tx ->
        tx.groups().list(caller.accountId(), in.string("PathPrefix", "/")));
    return Page.of(groups, in).into(Struct.builder(), "Groups", GroupOperations::group).build();
  }

  private Struct updateGroup(Caller caller, Struct in) {
    String newName = in.string("NewGroupName");
    return ctx.store().write(tx -> {
      Group group = Lookups.requireGroup(tx, caller.accountId(), in.string("GroupName"));
      // Changing only the case of the name is a rename of the same group, not a clash.
      if (newName != null && !newName.equalsIgnoreCase(group.name())) {
        requireNameFree(tx, caller.accountId(), newName);
      }
      tx.groups().update(caller.accountId(), group.groupId(), newName, in.string("NewPath"));
      return Struct.empty();
    });
  }

  private Struct deleteGroup(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Group group = Lookups.requireGroup(tx, caller.accountId(), in.string("GroupName"));
      GroupDependents.requireNone(tx, group);
      tx.groups().delete(caller.accountId(), group.groupId());
      return Struct.empty();
    });
  }

  /** Adds a member; adding a user who already belongs changes nothing, as in IAM. */
  private Struct addUserToGroup(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Group group = Lookups.requireGroup(tx, caller.accountId(), in.string("GroupName"));
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      List<Group> current = tx.groups().groupsOfUser(caller.accountId(), user.userId());
      boolean member = current.stream().anyMatch(g -> g.groupId().equals(group.groupId()));
      if (!member && current.size() >= MAX_GROUPS_PER_USER) {
        throw AwsException.of(ErrorCode.LIMIT_EXCEEDED,
            "Cannot exceed quota for GroupsPerUser: %d", MAX_GROUPS_PER_USER);
      }
      tx.groups().addMember(caller.accountId(), group.groupId(), user.userId());
      return Struct.empty();
    });
  }

  /** Removes a member; IAM answers success when the user was not a member. */
  private Struct removeUserFromGroup(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      Group group = Lookups.requireGroup(tx, caller.accountId(), in.string("GroupName"));
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      tx.groups().removeMember(caller.accountId(), group.groupId(), user.userId());
      return Struct.empty();
    });
  }

  private Struct listGroupsForUser(Caller caller, Struct in) {
    List<Group> groups = ctx.store().read(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      return tx.groups().groupsOfUser(caller.accountId(), user.userId());
    });
    return Page.of(groups, in).into(Struct.builder(), "Groups", GroupOperations::group).build();
  }

  private static void requireNameFree(StoreTx tx, String accountId, String name) {
    if (tx.groups().findByName(accountId, name).isPresent()) {
      throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
          "Group with name %s already exists.", name);
    }
  }

  private static User member(StoreTx tx, String accountId, String userId) {
    // Memberships reference users by foreign key, so a member always resolves.
    return tx.users().findById(accountId, userId).orElseThrow(() ->
        new IllegalStateException("group member without a user: " + userId));
  }

  /** The wire shape {@code Group}. */
  static Struct group(Group g) {
    return Struct.of("Path", g.path(), "GroupName", g.name(), "GroupId", g.groupId(),
        "Arn", g.arn(), "CreateDate", g.createdAt());
  }

  /** Blocks deleting a group that still has dependents, as IAM does (DeleteConflict). */
  static final class GroupDependents {
    private GroupDependents() {}

    static void requireNone(StoreTx tx, Group group) {
      if (!tx.groups().memberIds(group.accountId(), group.groupId()).isEmpty()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete entity, must remove users from group first.");
      }
      PolicyDependents.requireNone(tx, PrincipalKind.GROUP, group.groupId());
    }
  }
}
