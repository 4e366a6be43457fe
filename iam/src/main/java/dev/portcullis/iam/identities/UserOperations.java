package dev.portcullis.iam.identities;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.Ids;
import dev.portcullis.iam.domain.PrincipalKind;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.domain.TaggedKind;
import dev.portcullis.iam.domain.User;
import dev.portcullis.iam.mfa.MfaDeviceCount;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.iam.tags.ResourceTags;
import dev.portcullis.iam.tags.Tagging;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and user boundaries (tags: TagOperations). */
public final class UserOperations {
  private static final ResourceTags TAGS = ResourceTags.of(TaggedKind.USER);
  private final IamContext ctx;

  public UserOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateUser", this::createUser)
        .register("GetUser", this::getUser)
        .register("ListUsers", this::listUsers)
        .register("UpdateUser", this::updateUser)
        .register("DeleteUser", this::deleteUser)
        .register("PutUserPermissionsBoundary", this::putBoundary)
        .register("DeleteUserPermissionsBoundary", this::deleteBoundary);
  }

  private Struct createUser(Caller caller, Struct in) {
    String name = in.string("UserName");
    List<Tag> tags = Tagging.fromInput(in);
    TAGS.checkQuota(tags);
    String boundary = in.string("PermissionsBoundary");
    return ctx.store().write(tx -> {
      if (tx.users().findByName(caller.accountId(), name).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "User with name %s already exists.", name);
      }
      if (boundary != null) {
        Boundaries.requireBoundaryPolicy(tx, caller.accountId(), boundary);
      }
      User user = new User(caller.accountId(), ctx.ids().entityId(Ids.IdPrefix.AIDA), name,
          in.string("Path", "/"), ctx.clock().instant(), boundary, null);
      tx.users().insert(user);
      TAGS.set(tx, caller.accountId(), user.userId(), tags);
      return Struct.of("User", UserShapes.user(user, tags));
    });
  }

  private Struct getUser(Caller caller, Struct in) {
    String name = in.string("UserName");
    if (name == null && caller instanceof Caller.Root) {
      return Struct.of("User", UserShapes.root(caller));
    }
    String target = name != null ? name : Lookups.callerUserName(caller);
    return ctx.store().read(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), target);
      return Struct.of("User", UserShapes.user(user, TAGS.of(tx, caller.accountId(),
          user.userId())));
    });
  }

  private Struct listUsers(Caller caller, Struct in) {
    List<User> users = ctx.store().read(tx ->
        tx.users().list(caller.accountId(), in.string("PathPrefix", "/")));
    return Page.of(users, in).into(Struct.builder(), "Users",
        UserShapes::listed).build();
  }

  private Struct updateUser(Caller caller, Struct in) {
    String name = in.string("UserName");
    String newName = in.string("NewUserName");
    return ctx.store().write(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), name);
      if (newName != null && !newName.equalsIgnoreCase(user.name())
          && tx.users().findByName(caller.accountId(), newName).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "User with name %s already exists.", newName);
      }
      tx.users().update(caller.accountId(), user.userId(), newName, in.string("NewPath"));
      return Struct.empty();
    });
  }

  private Struct deleteUser(Caller caller, Struct in) {
    String name = in.string("UserName");
    return ctx.store().write(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), name);
      UserDependents.requireNone(tx, user);
      TAGS.deleteAll(tx, caller.accountId(), user.userId());
      tx.users().delete(caller.accountId(), user.userId());
      tx.loginProfiles().forgetHistory(caller.accountId(), user.userId());
      return Struct.empty();
    });
  }

  private Struct putBoundary(Caller caller, Struct in) {
    String arn = in.string("PermissionsBoundary");
    return ctx.store().write(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      Boundaries.requireBoundaryPolicy(tx, caller.accountId(), arn);
      tx.users().setPermissionsBoundary(caller.accountId(), user.userId(), arn);
      return Struct.empty();
    });
  }

  private Struct deleteBoundary(Caller caller, Struct in) {
    return ctx.store().write(tx -> {
      User user = Lookups.requireUser(tx, caller.accountId(), in.string("UserName"));
      tx.users().setPermissionsBoundary(caller.accountId(), user.userId(), null);
      return Struct.empty();
    });
  }

  /** Output shapes of users. */
  public static final class UserShapes {
    private UserShapes() {}

    /** As GetUser and CreateUser answer: the boundary, and Tags only when there are some. */
    public static Struct user(User u, List<Tag> tags) {
      return identity(u)
          .put("PermissionsBoundary", Boundaries.toWire(u.permissionsBoundary()))
          .put("Tags", tags.isEmpty() ? null : Tagging.toWire(tags)).build();
    }

    /**
     * As ListUsers answers: IAM's listings return a subset of a user's members, never its
     * PermissionsBoundary or Tags (ListUsers API reference: "To view all of the information
     * for a user, use GetUser").
     */
    static Struct listed(User u) {
      return identity(u).build();
    }

    private static Struct.Builder identity(User u) {
      return Struct.builder().put("Path", u.path()).put("UserName", u.name())
          .put("UserId", u.userId()).put("Arn", u.arn()).put("CreateDate", u.createdAt())
          .put("PasswordLastUsed", u.passwordLastUsed());
    }

    static Struct root(Caller caller) {
      return Struct.builder().put("UserId", caller.accountId())
          .put("Arn", Arn.root(caller.accountId())).put("CreateDate", caller.requestTime())
          .build();
    }
  }

  /** Blocks deleting a user that still has dependents, as IAM does (DeleteConflict). */
  static final class UserDependents {
    private UserDependents() {}

    static void requireNone(StoreTx tx, User user) {
      // In AWS's documented clean-up order; signing certificates and SSH keys join here when
      // Portcullis has them.
      if (tx.loginProfiles().find(user.accountId(), user.userId()).isPresent()) {
        throw conflict("login profile");
      }
      if (!tx.accessKeys().listForUser(user.accountId(), user.userId()).isEmpty()) {
        throw conflict("access keys");
      }
      if (MfaDeviceCount.of(tx, user.accountId(), user.userId()) > 0) {
        throw conflict("MFA device");
      }
      // IAM words the group conflict the same way for DeleteUser as for DeleteGroup.
      if (!tx.groups().groupsOfUser(user.accountId(), user.userId()).isEmpty()) {
        throw new AwsException(ErrorCode.DELETE_CONFLICT,
            "Cannot delete entity, must remove users from group first.");
      }
      PolicyDependents.requireNone(tx, PrincipalKind.USER, user.userId());
    }

    private static AwsException conflict(String dependent) {
      return AwsException.of(ErrorCode.DELETE_CONFLICT,
          "Cannot delete entity, must delete %s first.", dependent);
    }
  }
}
